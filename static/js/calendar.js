// 기한 달력: FullCalendar (static/vendor/fullcalendar) set up from the element's data-* attributes.
// No inline scripts (Content-Security-Policy script-src 'self'); the page loads this file.
(function () {
  "use strict";

  function init(element) {
    if (!window.FullCalendar || element.dataset.ready) {
      return;
    }
    element.dataset.ready = "1";
    const calendar = new window.FullCalendar.Calendar(element, {
      locale: element.dataset.locale || "ko",
      initialView: "dayGridMonth",
      initialDate: element.dataset.initialDate || element.dataset.today || undefined,
      // The server's today: "overdue" is decided in Asia/Seoul, whatever the browser's time zone.
      now: element.dataset.today || undefined,
      height: "auto",
      dayMaxEvents: 4,
      headerToolbar: { left: "prev,next today", center: "title", right: "dayGridMonth,listMonth" },
      // One JSON source; the server merges its registered event sources (deadlines, later meetings).
      // FullCalendar adds ?start=…&end=… for the visible range.
      eventSources: [
        {
          url: element.dataset.eventsUrl,
          failure: function () {
            window.alert(element.dataset.errorMessage || "일정을 불러오지 못했습니다.");
          },
        },
      ],
      eventDidMount: function (info) {
        const props = info.event.extendedProps;
        const parts = [info.event.title];
        if (props.statusLabel) {
          parts.push("상태: " + props.statusLabel);
        }
        if (props.clauses) {
          parts.push("근거: " + props.clauses);
        }
        info.el.setAttribute("title", parts.join("\n"));
        if (props.status) {
          info.el.dataset.status = props.status;
        }
      },
    });
    calendar.render();
  }

  function start() {
    document.querySelectorAll("#itms-calendar, [data-itms-calendar]").forEach(init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
