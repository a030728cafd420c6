import { MalformedOtlp } from './otlp-values';

/**
 * The protobuf binary wire format, only as far as OTLP traces need it: a bounds-checked reader and a
 * small writer. Hand-written because the OTLP messages are few and stable, and the alternative (the OTel
 * packages' generated code) is not a documented entry point of any package.
 */

export const WIRE = { varint: 0, fixed64: 1, len: 2, startGroup: 3, endGroup: 4, fixed32: 5 } as const;

const utf8 = new TextDecoder('utf-8');

export class ProtoReader {
  private pos: number;

  constructor(
    private readonly buf: Uint8Array,
    readonly path: string,
    start = 0,
    private readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** The next field's number and wire type. */
  tag(): { field: number; wire: number } {
    const key = this.varint();
    const field = Math.floor(key / 8);
    if (field < 1 || field > 536_870_911) this.fail(`invalid field number ${field}`);
    return { field, wire: key % 8 };
  }

  /** A varint as a JS number; exact up to 2^53, which covers tags, lengths, enums and bools. */
  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const byte = this.byte();
      result += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return result;
      scale *= 128;
    }
    return this.fail('varint is longer than 10 bytes');
  }

  /** A varint as a signed 64-bit integer (proto `int64`). */
  int64(): bigint {
    let result = 0n;
    for (let i = 0n; i < 10n; i++) {
      const byte = this.byte();
      result |= BigInt(byte & 0x7f) << (7n * i);
      if ((byte & 0x80) === 0) return BigInt.asIntN(64, result);
    }
    return this.fail('varint is longer than 10 bytes');
  }

  fixed64(): bigint {
    const low = this.fixed32();
    const high = this.fixed32();
    return (BigInt(high) << 32n) | BigInt(low);
  }

  fixed32(): number {
    this.need(4);
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) + b[p + 3] * 0x1000000;
  }

  double(): number {
    this.need(8);
    const value = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8).getFloat64(0, true);
    this.pos += 8;
    return value;
  }

  bytes(): Uint8Array {
    const length = this.varint();
    this.need(length);
    const slice = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return slice;
  }

  string(): string {
    return utf8.decode(this.bytes());
  }

  /** A reader over an embedded message, which advances this reader past it. */
  message(path: string): ProtoReader {
    const length = this.varint();
    this.need(length);
    const sub = new ProtoReader(this.buf, path, this.pos, this.pos + length);
    this.pos += length;
    return sub;
  }

  /** Skips a field this decoder does not use, as protobuf readers must. */
  skip(wire: number): void {
    switch (wire) {
      case WIRE.varint:
        this.varint();
        return;
      case WIRE.fixed64:
        this.need(8);
        this.pos += 8;
        return;
      case WIRE.len:
        this.bytes();
        return;
      case WIRE.fixed32:
        this.need(4);
        this.pos += 4;
        return;
      default:
        // Groups were deprecated before OTLP existed; no OTLP message contains one.
        this.fail(`unsupported wire type ${wire}`);
    }
  }

  /** Fails unless a known field arrived with the wire type its declaration implies. */
  expect(wire: number, expected: number, field: string): void {
    if (wire !== expected) this.fail(`field ${field} has wire type ${wire}, expected ${expected}`);
  }

  fail(message: string): never {
    throw new MalformedOtlp(message, this.path);
  }

  private byte(): number {
    this.need(1);
    return this.buf[this.pos++];
  }

  private need(count: number): void {
    if (count > this.end - this.pos) this.fail('message is truncated');
  }
}

/** Builds protobuf messages field by field; enough for OTLP responses and test payloads. */
export class ProtoWriter {
  private readonly chunks: number[] = [];

  varintField(field: number, value: number | bigint): this {
    this.key(field, WIRE.varint);
    this.varint(BigInt.asUintN(64, BigInt(value)));
    return this;
  }

  stringField(field: number, value: string): this {
    return this.bytesField(field, new TextEncoder().encode(value));
  }

  bytesField(field: number, value: Uint8Array): this {
    this.key(field, WIRE.len);
    this.varint(BigInt(value.length));
    for (const byte of value) this.chunks.push(byte);
    return this;
  }

  messageField(field: number, message: ProtoWriter): this {
    return this.bytesField(field, message.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }

  private key(field: number, wire: number): void {
    this.varint(BigInt(field * 8 + wire));
  }

  private varint(value: bigint): void {
    let rest = value;
    while (rest >= 0x80n) {
      this.chunks.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this.chunks.push(Number(rest));
  }
}
