import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyData, type EmulatorData } from './model';

/** The emulator's state as one JSON file in --state-dir; code zips live beside it in code/. */
export class StateFile {
  private timer?: NodeJS.Timeout;
  private readonly file: string;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'state.json');
  }

  load(): EmulatorData {
    if (!existsSync(this.file)) return emptyData();
    return { ...emptyData(), ...JSON.parse(readFileSync(this.file, 'utf8')) };
  }

  /** Saves soon; many changes in a burst write once. */
  saveSoon(data: EmulatorData): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.saveNow(data), 200);
    this.timer.unref();
  }

  /** Written to a temp file and renamed, so a crash never leaves half a file. */
  saveNow(data: EmulatorData): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, this.file);
  }
}
