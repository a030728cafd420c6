import { DomainError } from './domain-error';
import { err, ok } from './result';

describe('DomainError', () => {
  it.each([
    ['unauthorized', DomainError.unauthorized('m', 'r')],
    ['forbidden', DomainError.forbidden('m', 'r')],
    ['conflict', DomainError.conflict('m', 'r')],
    ['gone', DomainError.gone('m', 'r')],
  ] as const)('builds a %s error carrying its reason', (code, error) => {
    expect(error).toMatchObject({ code, message: 'm', reason: 'r', fields: [] });
  });

  it('carries field errors and an optional reason on validation errors', () => {
    const error = DomainError.validation('bad input', [{ path: 'email', message: 'is wrong' }], 'bad_email');
    expect(error).toMatchObject({
      code: 'validation',
      reason: 'bad_email',
      fields: [{ path: 'email', message: 'is wrong' }],
    });
  });

  it('names the entity and, when given, its id in a not-found message', () => {
    expect(DomainError.notFound('project', 'p-1')).toMatchObject({
      code: 'not_found',
      message: 'project p-1 was not found',
      reason: undefined,
    });
    expect(DomainError.notFound('invite').message).toBe('invite was not found');
  });
});

describe('Result', () => {
  it('tells success and failure apart by the ok flag', () => {
    const error = DomainError.conflict('taken');
    expect(ok(42)).toEqual({ ok: true, value: 42 });
    expect(err(error)).toEqual({ ok: false, error });
  });
});
