/** node:inspector's `post` answers synchronously for an in-process session; this makes that explicit. */
import type { Session } from 'node:inspector';

export function postSync<T = unknown>(session: Session, method: string, params?: object): T {
  let done = false;
  let error: Error | null = null;
  let result: unknown;
  session.post(method, params ?? {}, (err, res) => {
    done = true;
    error = err;
    result = res;
  });
  if (!done) throw new Error(`${method} did not answer synchronously`);
  if (error) throw error;
  return result as T;
}
