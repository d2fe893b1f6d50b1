import { pathToFileURL } from 'node:url';
import { isTrustedSender } from '../../../main/electron/sender-check';

const pageUrl = pathToFileURL('/opt/scan-station/resources/app.asar/dist/renderer/index.html').href;
const trusted = { webContentsId: 7, pageUrl };
const topFrame = (url: string) => ({ url, parent: null });

describe('isTrustedSender', () => {
  test('accepts the main window top frame showing the app page, with or without a hash or query', () => {
    expect(isTrustedSender({ webContentsId: 7, frame: topFrame(pageUrl) }, trusted)).toBe(true);
    expect(isTrustedSender({ webContentsId: 7, frame: topFrame(`${pageUrl}#/scan`) }, trusted)).toBe(true);
    expect(isTrustedSender({ webContentsId: 7, frame: topFrame(`${pageUrl}?x=1`) }, trusted)).toBe(true);
  });

  test('refuses a subframe, even one showing the app page', () => {
    expect(isTrustedSender({ webContentsId: 7, frame: { url: pageUrl, parent: {} } }, trusted)).toBe(false);
  });

  test('refuses another window, a destroyed frame, a remote page and another local file', () => {
    expect(isTrustedSender({ webContentsId: 8, frame: topFrame(pageUrl) }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frame: null }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frame: topFrame('https://evil.example/index.html') }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frame: topFrame(pathToFileURL('/tmp/index.html').href) }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frame: topFrame(`${pageUrl}/../../../../../tmp/x.html`) }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frame: topFrame('not a url') }, trusted)).toBe(false);
  });
});
