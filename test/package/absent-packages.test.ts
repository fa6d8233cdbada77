// A package's require() of an optional peer that is not installed is left to run time; the project's own missing import is still an error.
import type { Message } from 'esbuild';
import { absentInPackages, absentNotes } from '../../src/package/absent-packages';

const unresolved = (file: string, specifier: string, line = 1): Message =>
  ({ id: '', pluginName: '', text: `Could not resolve "${specifier}"`, location: { file, line, column: 0, length: 1, lineText: '', namespace: 'file', suggestion: '' }, notes: [], detail: undefined }) as Message;

test("NestJS's optional modules: left out, one note per package with where it is asked for and the npm command", () => {
  const absent = absentInPackages([
    unresolved('node_modules/@nestjs/core/nest-application.js', '@nestjs/websockets/socket-module', 20),
    unresolved('node_modules/@nestjs/core/nest-application.js', '@nestjs/microservices/microservices-module', 21),
    unresolved('node_modules/@nestjs/core/nest-application.js', '@nestjs/microservices', 135),
    unresolved('../../node_modules/@nestjs/common/pipes/validation.pipe.js', 'class-validator', 49),
  ]);
  expect(absent?.map((a) => a.specifier)).toEqual(['@nestjs/websockets/socket-module', '@nestjs/microservices/microservices-module', '@nestjs/microservices', 'class-validator']);
  expect(absentNotes(absent!)).toEqual([
    '"@nestjs/websockets" is not installed: @nestjs/core requires it (node_modules/@nestjs/core/nest-application.js:20); the require() is left to run time, where it fails only if it runs, as under node; if your app uses it, run `npm i @nestjs/websockets`',
    '"@nestjs/microservices" is not installed: @nestjs/core requires it (node_modules/@nestjs/core/nest-application.js:21); the require() is left to run time, where it fails only if it runs, as under node; if your app uses it, run `npm i @nestjs/microservices`',
    '"class-validator" is not installed: @nestjs/common requires it (../../node_modules/@nestjs/common/pipes/validation.pipe.js:49); the require() is left to run time, where it fails only if it runs, as under node; if your app uses it, run `npm i class-validator`',
  ]);
});

test("the project's own missing import, a package's missing relative file, or another error keeps the build error", () => {
  expect(absentInPackages([unresolved('src/app.ts', 'cors')])).toBeUndefined();
  expect(absentInPackages([unresolved('node_modules/x/index.js', 'cors'), unresolved('src/app.ts', 'helmet')])).toBeUndefined();
  expect(absentInPackages([unresolved('node_modules/x/index.js', './lib/missing.js')])).toBeUndefined();
  expect(absentInPackages([{ ...unresolved('node_modules/x/index.js', 'y'), text: 'Unexpected "}"' }])).toBeUndefined();
  expect(absentInPackages([])).toBeUndefined();
});
