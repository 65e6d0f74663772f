import { PassThrough } from 'node:stream';
import { ExportSlots } from './export-slots';

describe('export slots', () => {
  it('refuses one more than the limit with a 429, and frees a slot once', () => {
    const slots = new ExportSlots(2);
    const a = slots.take();
    slots.take();
    expect(() => slots.take()).toThrow(expect.objectContaining({ status: 429 }));
    a();
    a();
    expect(slots.inUse).toBe(1);
    slots.take();
    expect(() => slots.take()).toThrow('Too many exports');
  });

  it('gives the slot back when the body closes, ended or destroyed', async () => {
    const slots = new ExportSlots(1);
    const body = ExportSlots.releaseWith(new PassThrough(), slots.take());
    expect(slots.inUse).toBe(1);
    body.destroy();
    await new Promise((r) => setImmediate(r));
    expect(slots.inUse).toBe(0);
  });
});
