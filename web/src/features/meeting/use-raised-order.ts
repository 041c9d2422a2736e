// Remembers the order in which hands went up (the server only says who has one up), for the
// participant list. Lives with the side panel, which stays mounted while closed.
import { useState } from 'react';
import { trackRaisedOrder, type Person } from './people-order';

export function useRaisedOrder(people: readonly Person[]): readonly string[] {
  const [order, setOrder] = useState<readonly string[]>([]);
  const next = trackRaisedOrder(order, people);
  // Adjusted while rendering (state derived from props): the list is right on the first paint.
  if (next !== order) setOrder(next);
  return next;
}
