/**
 * A file's or folder's identity: inode, size, modification and change times. Any write, rename or
 * entry added changes the change time, which no user can set, so an unchanged identity means an
 * unchanged content. A file changed within moments of being looked at could share its times with a
 * later change (the kernel's clock is coarse), so what was learnt of it is kept only once it has
 * settled, as git treats "racily clean" files.
 */
import type { Stats } from 'node:fs';

/** A file changed later than this before it was looked at may share its times with a later change. */
const SETTLED_MS = 25;

export const identityOf = (st: Stats): string => `${st.ino} ${st.size} ${st.mtimeMs} ${st.ctimeMs}`;

/** Nothing changed it in the moments before `lookedAt` (Date.now() taken before the stat). */
export const settled = (st: Stats, lookedAt: number): boolean => Math.max(st.mtimeMs, st.ctimeMs) < lookedAt - SETTLED_MS;
