import fs from 'node:fs/promises';
import { SerialPort } from 'serialport';

type ListPorts = () => Promise<Array<{ path: string }>>;

/** `\\.\COM10` and `com10` name the same Windows port. */
function normaliseWindowsPath(path: string): string {
  return path.replace(/^\\\\\.\\/, '').toUpperCase();
}

/**
 * Whether the port's device exists right now, checked cheaply enough to poll every second for
 * hot-plug. On Linux and macOS a serial port is a device node (or a /dev/serial/by-id link), so its
 * existence is the answer, and ptys, which `SerialPort.list()` leaves out, are found too. Windows COM
 * ports are not files, so there we ask `SerialPort.list()`.
 */
export async function isPortPresent(path: string, platform: NodeJS.Platform = process.platform, listPorts: ListPorts = SerialPort.list): Promise<boolean> {
  if (platform === 'win32') {
    try {
      const wanted = normaliseWindowsPath(path);
      return (await listPorts()).some((port) => normaliseWindowsPath(port.path) === wanted);
    } catch {
      return true; // cannot tell: let the open attempt say what is wrong
    }
  }
  try {
    await fs.stat(path); // follows links: a dangling /dev/serial/by-id link means unplugged
    return true;
  } catch {
    return false;
  }
}
