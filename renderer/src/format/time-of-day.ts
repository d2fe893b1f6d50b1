/** A station time (ISO text or epoch ms) as the local time of day, `14:03:07`; with `ms`, `14:03:07.042`. Empty when unreadable. */
export function timeOfDay(at: string | number, options: { ms?: boolean } = {}): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return options.ms ? `${time}.${String(date.getMilliseconds()).padStart(3, '0')}` : time;
}
