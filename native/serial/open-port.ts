import { SerialPort } from 'serialport';
import { directReadBinding } from './direct-read';

const DIRECT_READ = directReadBinding();

/** The line settings a serial device (scanner or scale) is opened with. */
export interface SerialLine {
  path: string;
  baudRate: number;
  dataBits: number;
  parity: string;
  stopBits: number;
}

/**
 * Opens a serial port with these settings; the constructor throws for invalid ones, so it sits inside
 * the promise. Reads go through `directReadBinding`: in the poller's callback, not via the thread pool.
 */
export function openSerialPort({ path, baudRate, dataBits, parity, stopBits }: SerialLine): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    try {
      const options = { path, baudRate, dataBits, parity, stopBits, autoOpen: false, binding: DIRECT_READ };
      const port = new SerialPort(options as ConstructorParameters<typeof SerialPort>[0]);
      port.open((error) => (error ? reject(error) : resolve(port)));
    } catch (error) {
      reject(error);
    }
  });
}
