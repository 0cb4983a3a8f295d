// Reads calendar feeds with ical.js, the parser of Mozilla Thunderbird's
// calendar, and prints what a calendar client would show: each event's
// UID, title and its first occurrences as UTC instants. Time zones come
// only from each feed's own VTIMEZONE components (ical.js knows no zone
// names by itself), so this checks those too.
//
// node icaljs.mjs COUNT FEED.ics… prints one JSON object per feed, one a
// line, in the order given.
import fs from 'node:fs';
import ICAL from 'ical.js';

const [count, ...files] = process.argv.slice(2);
for (const file of files) {
  process.stdout.write(JSON.stringify(read(fs.readFileSync(file, 'utf8'))) + '\n');
}

function read(text) {
  const root = new ICAL.Component(ICAL.parse(text));
  if (root.name !== 'vcalendar') throw new Error('not a calendar: ' + root.name);
  ICAL.TimezoneService.reset();
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(vtz);
  }
  const out = {
    version: root.getFirstPropertyValue('version'),
    prodid: root.getFirstPropertyValue('prodid'),
    zones: root.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')),
    events: [],
  };
  for (const vevent of root.getAllSubcomponents('vevent')) {
    const ev = new ICAL.Event(vevent);
    const start = vevent.getFirstPropertyValue('dtstart');
    if (start.timezone && start.timezone !== 'Z' && !ICAL.TimezoneService.has(start.timezone)) {
      throw new Error('no VTIMEZONE for ' + start.timezone);
    }
    const it = ev.iterator();
    const times = [];
    for (let i = 0; i < Number(count); i++) {
      const next = it.next();
      if (!next) break;
      times.push(next.toJSDate().toISOString());
    }
    const alarm = vevent.getFirstSubcomponent('valarm');
    out.events.push({
      uid: ev.uid,
      summary: ev.summary,
      description: ev.description,
      duration: ev.duration.toSeconds(),
      recurring: ev.isRecurring(),
      alarm: alarm ? alarm.getFirstPropertyValue('action') : null,
      times,
    });
  }
  return out;
}
