import { crc16, hashSlot, keySlot, SLOT_COUNT } from '../../../lib/core/slots/hash-slot';

// Expected slots come from a real server's CLUSTER KEYSLOT (Redis 7.0).
const SERVER_SLOTS: Array<[string, number]> = [
  ['123456789', 12739],
  ['foo', 12182],
  ['bar', 5061],
  ['{user1000}.following', 3443],
  ['{user1000}.followers', 3443],
  ['foo{}{bar}', 8363],
  ['foo{{bar}}zap', 4015],
  ['foo{bar}{zap}', 5061],
  ['bar}', 6624],
  ['', 0],
  ['héllo', 11061],
  ['日本語', 12788],
  ['{日本}語', 10949],
  ['a{é}b', 10180],
  ['😀', 2959],
  ['{}', 15257],
  ['{a}', 15495],
  ['}{a}', 15495],
  ['x{}', 2608],
];

describe('crc16', () => {
  it('is the XMODEM variant Redis uses: "123456789" -> 0x31C3', () => {
    expect(crc16(Buffer.from('123456789'))).toBe(0x31c3);
  });

  it('hashes an empty range to 0', () => {
    expect(crc16(Buffer.alloc(0))).toBe(0);
  });
});

describe('hashSlot', () => {
  it.each(SERVER_SLOTS)('%j is in slot %d, as the server says', (key, slot) => {
    expect(hashSlot(key)).toBe(slot);
  });

  it.each(SERVER_SLOTS)('%j hashes the same as a Buffer', (key, slot) => {
    expect(hashSlot(Buffer.from(key, 'utf8'))).toBe(slot);
  });

  it('puts keys sharing a {tag} in one slot', () => {
    expect(hashSlot('{user1000}.following')).toBe(hashSlot('{user1000}.followers'));
    expect(hashSlot('{user1000}.following')).toBe(hashSlot('user1000'));
  });

  it('hashes the whole key when the first tag is empty: foo{}{bar}', () => {
    expect(hashSlot('foo{}{bar}')).toBe(crc16(Buffer.from('foo{}{bar}')) % SLOT_COUNT);
  });

  it('takes the tag up to the first } after the first {: foo{{bar}}zap hashes "{bar"', () => {
    expect(hashSlot('foo{{bar}}zap')).toBe(hashSlot('{bar'));
    expect(hashSlot('foo{{bar}}zap')).toBe(crc16(Buffer.from('{bar')) % SLOT_COUNT);
  });

  it('uses only the first tag: foo{bar}{zap} hashes "bar"', () => {
    expect(hashSlot('foo{bar}{zap}')).toBe(hashSlot('bar'));
  });

  it('hashes the whole key when a { is never closed', () => {
    expect(hashSlot('foo{bar')).toBe(crc16(Buffer.from('foo{bar')) % SLOT_COUNT);
  });

  it('hashes non-ASCII keys over their UTF-8 bytes, tag or no tag', () => {
    expect(hashSlot('ключ')).toBe(crc16(Buffer.from('ключ')) % SLOT_COUNT);
    expect(hashSlot('x{ключ}y')).toBe(hashSlot('ключ'));
    expect(hashSlot('{😀}')).toBe(hashSlot('😀'));
  });

  it('hashes binary keys byte for byte', () => {
    const key = Buffer.from([0xff, 0x00, 0x7b, 0x01, 0x7d, 0x80]);
    expect(hashSlot(key)).toBe(crc16(Buffer.from([0x01])) % SLOT_COUNT);
  });

  it('stays within 0..16383 and agrees string vs Buffer for many random keys', () => {
    const mismatches: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const key = `k:${i}:${Math.random().toString(36).slice(2)}${i % 7 === 0 ? `{t${i % 13}}` : ''}${i % 11 === 0 ? 'é' : ''}`;
      const slot = hashSlot(key);
      if (slot < 0 || slot >= SLOT_COUNT || hashSlot(Buffer.from(key)) !== slot) mismatches.push(key);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('keySlot', () => {
  it('treats numbers and bigints as their decimal text, as the encoder sends them', () => {
    expect(keySlot(123456789)).toBe(12739);
    expect(keySlot(123456789n)).toBe(12739);
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot(Buffer.from('foo'))).toBe(12182);
  });

  it('hashes 1e21 as the digits the encoder sends, not as "1e+21"', () => {
    expect(keySlot(1e21)).toBe(hashSlot('1000000000000000000000'));
    expect(keySlot(1e21)).not.toBe(hashSlot('1e+21'));
  });
});
