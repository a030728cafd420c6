/**
 * Sets `key` as an own data property of `target`. `__proto__` is an ordinary key in parsed JSON,
 * and plain assignment of it would change the prototype instead of storing a value.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: NoInfer<T>): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Data as JSON.parse makes it: an object whose prototype is Object.prototype or none, not a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
