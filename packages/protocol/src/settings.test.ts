import { describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { readSettings, SettingsError } from './settings.ts';

const Schema = Type.Object({
  port: Type.Integer({ minimum: 1, maximum: 65535, default: 8080 }),
  verbose: Type.Boolean({ default: false }),
  name: Type.String({ minLength: 1 }),
});

describe(readSettings.name, () => {
  it('takes the first defined source and converts strings to the schema types', () => {
    const s = readSettings(Schema, {
      port: [
        { origin: '--port', value: undefined },
        { origin: 'PORT', value: '9000' },
      ],
      verbose: [{ origin: 'VERBOSE', value: 'true' }],
      name: [{ origin: '--name', value: 'hub-a' }],
    });
    expect(s).toEqual({ port: 9000, verbose: true, name: 'hub-a' });
  });

  it('fills defaults', () => {
    expect(readSettings(Schema, { name: [{ origin: '--name', value: 'x' }] }).port).toBe(8080);
  });

  it('reports every problem naming the flag or variable the user set', () => {
    const run = () =>
      readSettings(Schema, {
        port: [{ origin: '--port', value: 'eighty' }],
        name: [{ origin: 'NAME', value: undefined }],
      });
    expect(run).toThrow(SettingsError);
    try {
      run();
    } catch (e) {
      const msg = (e as SettingsError).message;
      expect(msg).toContain('--port');
      expect(msg).toContain('"eighty"');
      expect(msg).toMatch(/name/);
    }
  });
});
