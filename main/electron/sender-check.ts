import { fileURLToPath } from 'node:url';

/** What the IPC check needs to know about a sender: which web contents, and which frame in it. */
export interface SenderInfo {
  webContentsId: number;
  /** `event.senderFrame`: null once the frame navigated away or was destroyed. */
  frame: { url: string; parent: unknown } | null;
}

/** What a trusted sender looks like: the main window's top frame showing the app's own page. */
export interface TrustedPage {
  webContentsId: number;
  /** The file:// URL the window loaded (dist/renderer/index.html). */
  pageUrl: string;
}

function filePath(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' ? fileURLToPath(parsed) : null; // drops ?query and #hash
  } catch {
    return null;
  }
}

/**
 * The IPC sender check. A request is served only when it comes from the main window, from its top
 * frame (never an iframe), and that frame shows the app's own file; anything else (a subframe, a
 * page that navigated elsewhere, another window) is refused before the message is even parsed.
 */
export function isTrustedSender(sender: SenderInfo, trusted: TrustedPage): boolean {
  const { frame } = sender;
  if (sender.webContentsId !== trusted.webContentsId || !frame || frame.parent !== null) return false;
  const own = filePath(trusted.pageUrl);
  return own !== null && filePath(frame.url) === own;
}
