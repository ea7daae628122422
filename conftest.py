pytest_plugins = ["itms.testing.fixtures"]
