/** Timestamps in the JSON protocol are epoch seconds. */
export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}
