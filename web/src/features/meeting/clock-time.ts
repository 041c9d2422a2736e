// "HH:mm" in local time, the same in every language (chat messages, lobby waiting times).

export function formatClockTime(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
