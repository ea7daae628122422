// 기한 달력: FullCalendar (static/vendor/fullcalendar) set up from the element's data-* attributes.
// No inline scripts (Content-Security-Policy script-src 'self'); the page loads this file.
(function () {
  "use strict";

  // Dates as everywhere in ITMS: 2026. 12. 31.(목); months 2026. 12.; times 14:00 (FullCalendar's formatter
  // functions get the wall-clock parts in arg.date: year, month (0-11), day, hour, minute).
  const WEEKDAYS = "일월화수목금토";

  function koreanDate(parts) {
    const weekday = WEEKDAYS[new Date(Date.UTC(parts.year, parts.month, parts.day)).getUTCDay()];
    return parts.year + ". " + (parts.month + 1) + ". " + parts.day + ".(" + weekday + ")";
  }

  function koreanMonth(arg) {
    return arg.date.year + ". " + (arg.date.month + 1) + ".";
  }

  function koreanTime(arg) {
    return String(arg.date.hour).padStart(2, "0") + ":" + String(arg.date.minute).padStart(2, "0");
  }

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
      titleFormat: koreanMonth,
      eventTimeFormat: koreanTime,
      listDayFormat: function (arg) {
        return koreanDate(arg.date);
      },
      listDaySideFormat: false,
      // One JSON source; the server merges its registered event sources (deadlines, meetings).
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
        if (props.detail) {
          parts.push(props.detail);
        }
        if (props.when) {
          parts.push(props.when);
        }
        if (props.place) {
          parts.push("장소: " + props.place);
        }
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
        if (props.type) {
          info.el.dataset.type = props.type;
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
