import { type Provider } from '@nestjs/common';
import { Runtime } from '../runtime';

type Constructor<T = unknown> = new (...args: never[]) => T;
type Token = Constructor | (abstract new (...args: never[]) => unknown);

/**
 * Registers an adapter once and aliases its port to it (`useExisting`), so one instance serves
 * both tokens. Ports are abstract classes: the class is the type and the DI token.
 */
export function adapter(port: Token, implementation: Constructor, inject: readonly Token[]): Provider[] {
  return [
    {
      provide: implementation,
      useFactory: (...deps: never[]) => new implementation(...deps),
      inject: [...inject],
    },
    { provide: port, useExisting: implementation },
  ];
}

/**
 * A use case (plain class, no decorators) built from its dependencies, in constructor order.
 * When it takes settings, `settings` derives them from the runtime and they become the last
 * constructor argument.
 */
export function useCase(
  type: Constructor,
  inject: readonly Token[],
  settings?: (runtime: Runtime) => object,
): Provider {
  if (!settings) {
    return { provide: type, useFactory: (...deps: never[]) => new type(...deps), inject: [...inject] };
  }
  return {
    provide: type,
    useFactory: (...deps: unknown[]) => {
      const runtime = deps.pop() as Runtime;
      return new type(...(deps as never[]), settings(runtime) as never);
    },
    inject: [...inject, Runtime],
  };
}
