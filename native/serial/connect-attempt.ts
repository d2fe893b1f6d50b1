import type { SerialPort } from 'serialport';
import { classifyOpenFailure, type OpenFailure } from './open-failure';
import { openSerialPort, type SerialLine } from './open-port';
import { isPortPresent } from './port-presence';
import { backoffDelay, type ReconnectPolicy } from './reconnect-policy';

/** One try at a serial device: the open port, or what to report and when to try again. */
export type ConnectOutcome =
  | { kind: 'opened'; port: SerialPort }
  | { kind: 'waiting'; failure: OpenFailure; retryInMs: number; failed: boolean };

/**
 * Waits for the device to be present, then opens it; a failed open is classified and backed off
 * (a port that vanished between the check and the open is waited for like any absent port). Resolves
 * null when `stillWanted` turned false meanwhile (a port opened by then is closed). `device` names it
 * in the words ("scanner", "scale"); `failures` counts the failed opens before this one.
 */
export async function connectAttempt(line: SerialLine, device: string, failures: number, policy: ReconnectPolicy, stillWanted: () => boolean): Promise<ConnectOutcome | null> {
  const present = await isPortPresent(line.path);
  if (!stillWanted()) return null;
  if (!present) {
    const failure: OpenFailure = { status: 'disconnected', detail: `${line.path} is not present; plug the ${device} in (waiting for it)` };
    return { kind: 'waiting', failure, retryInMs: policy.presencePollMs, failed: false };
  }
  let port: SerialPort;
  try {
    port = await openSerialPort(line);
  } catch (error) {
    const classified = classifyOpenFailure(line.path, error);
    const failure = { ...classified, detail: classified.detail.replace('scanner', device) };
    const retryInMs = failure.status === 'disconnected' ? policy.presencePollMs : backoffDelay(failures + 1, policy);
    return { kind: 'waiting', failure, retryInMs, failed: true };
  }
  if (!stillWanted()) {
    port.close(() => undefined); // stopped while the open was in flight
    return null;
  }
  return { kind: 'opened', port };
}
