"""Documents are seen by whoever sees the project they belong to (vendors: their own project, a17.3)."""

from itms.accounts.policy import allow
from itms.accounts.roles import Role

allow(Role.STAFF, "view", "documents.document")
allow(Role.VENDOR, "view", "documents.document", scope="visible_project")
allow(Role.EXTERNAL_EXPERT, "view", "documents.document", scope="visible_project")
