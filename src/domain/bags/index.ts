// The bag workflow: a packer opens a parent bag and links child bags to it.
export type { BagLookup, ParentBag, StandingLink } from './lookup';
export { refuse, type Decision } from './decision';
export { decideScan, type BagPolicy } from './decide-scan';
export { decideClose, decideUndo } from './decide-commands';
