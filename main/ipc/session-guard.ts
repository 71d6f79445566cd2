import type { ChannelName } from '../../shared/ipc/channels';
import type { HandlerDeps } from './handler-kit';
import type { Handler, HandlerTable } from './handler-table';

/** Channels that work without a signed-in user: what the sign-in screen itself needs. */
const OPEN_GROUPS = ['app.', 'session.'];

/**
 * Live mode: no channel but the sign-in screen's answers while nobody is signed in or the session is locked, whatever
 * the window asks (NOT_SIGNED_IN / SESSION_LOCKED). Demo mode refuses the same while a session is locked or choosing
 * a role, but stays open before anyone signs in (synthetic data; handler tests and the `gpc` tool use it so); its
 * window shows nothing before sign-in either way.
 */
export function requireSignedIn(deps: HandlerDeps, table: HandlerTable): HandlerTable {
  const session = deps.session;
  if (!session) return table;
  const live = deps.mode === 'live';
  const guarded: Partial<Record<ChannelName, Handler<ChannelName>>> = {};
  for (const [name, handler] of Object.entries(table) as [ChannelName, Handler<ChannelName>][]) {
    guarded[name] = OPEN_GROUPS.some((g) => name.startsWith(g))
      ? handler
      : async (input, ctx) => {
          if (live || !session.isSignedOut()) session.requireUser();
          return handler(input, ctx);
        };
  }
  // Every channel was copied from a complete table, so the result is complete too.
  return guarded as HandlerTable;
}
