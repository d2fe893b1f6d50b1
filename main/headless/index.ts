export { startHeadless, type HeadlessHost, type HeadlessOptions } from './server';
export { CONTENT_SECURITY_POLICY } from './security';
