// The bench's rows, in print order. A row: { name, target: { op: '<=' | '>=' | 'report', value?, unit? }, measure(ctx) → { value, detail } }.
import warmPing from './warm-ping.mjs';
import firstHttp from './first-http.mjs';
import { vsServerlessExpress, vsServerlessHttp } from './throughput.mjs';
import zipSize from './zip-size.mjs';
import packageTime from './package-time.mjs';
import { vsBundle, vsNodeModules, warmUpRoot, warmUpSame, emulatorColdStart } from './compile-cache.mjs';
import { containerColdStart, runtimeApiThroughput } from './emulator-containers.mjs';
import { warmTickBilled, updateWallTime } from './emulator-deploy.mjs';
import { appRows } from './first-answer-apps.mjs';
import startupSnapshot from './startup-snapshot.mjs';
import { sseFirstByte, pageFirstByte, eventsPerSecond } from './streaming.mjs';

export const rows = [warmPing, firstHttp, vsBundle, vsNodeModules, warmUpRoot, warmUpSame, emulatorColdStart, vsServerlessExpress, vsServerlessHttp, zipSize, packageTime, containerColdStart, runtimeApiThroughput, warmTickBilled, updateWallTime, sseFirstByte, pageFirstByte, eventsPerSecond, ...appRows, startupSnapshot];
