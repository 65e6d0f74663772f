import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiValidationPipe } from './api-validation.pipe';

class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

class Body {
  @IsInt()
  n!: number;
}

const pipe = () =>
  new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: () => new BadRequestException('invalid'),
  });

describe('ApiValidationPipe', () => {
  it('validates a query string once and hands out the same frozen DTO for it again', async () => {
    const p = pipe();
    const meta = { type: 'query' as const, metatype: PageQuery };
    const first = await p.transform({ limit: '50' }, meta);
    expect(first).toBeInstanceOf(PageQuery);
    expect(first).toEqual({ limit: 50 });
    expect(Object.isFrozen(first)).toBe(true);
    expect(await p.transform({ limit: '50' }, meta)).toBe(first);
    expect(await p.transform({ limit: '20' }, meta)).toEqual({ limit: 20 });
  });

  it('never remembers a refusal', async () => {
    const p = pipe();
    const meta = { type: 'query' as const, metatype: PageQuery };
    for (let i = 0; i < 2; i++) {
      await expect(p.transform({ limit: '0' }, meta)).rejects.toBeInstanceOf(BadRequestException);
      await expect(p.transform({ limit: '50', extra: 'x' }, meta)).rejects.toBeInstanceOf(BadRequestException);
    }
  });

  it('validates bodies every time', async () => {
    const p = pipe();
    const meta = { type: 'body' as const, metatype: Body };
    const a = await p.transform({ n: 1 }, meta);
    const b = await p.transform({ n: 1 }, meta);
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
    expect(Object.isFrozen(a)).toBe(false);
  });

  it('refuses text with a lone surrogate or NUL anywhere in a body, query or parameter, naming where', async () => {
    const p = pipe();
    const refusal = async (value: unknown, meta: Parameters<ApiValidationPipe['transform']>[1]) => {
      const e = await p.transform(value, meta).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(BadRequestException);
      return (e as BadRequestException).getResponse();
    };
    const fieldError = (field: string, message: string, sentence = message) => ({
      message: [sentence],
      errors: [{ field, message }],
    });
    expect(await refusal({ n: 1, email: 'a\ud800' }, { type: 'body', metatype: Body })).toEqual(
      fieldError('email', 'Email must not contain a lone surrogate.'),
    );
    expect(await refusal({ limit: '\udc00' }, { type: 'query', metatype: PageQuery })).toEqual(
      fieldError('limit', 'Limit must not contain a lone surrogate.'),
    );
    expect(await refusal('x\ud800', { type: 'param', metatype: String, data: 'id' })).toEqual(
      fieldError('id', 'Id must not contain a lone surrogate.'),
    );
    expect(await refusal({ n: 1, notes: 'a\u0000b' }, { type: 'body', metatype: Body })).toEqual(
      fieldError('notes', 'Notes must not contain a NUL character.'),
    );
    // A row of a list is named as the DTOs' errors name it, and the sentence says which row.
    expect(
      await refusal({ entries: [{ notes: 'ok' }, { notes: 'a\u0000' }] }, { type: 'body', metatype: Body }),
    ).toEqual(
      fieldError(
        'entries[1].notes',
        'Notes must not contain a NUL character.',
        'Row 2: Notes must not contain a NUL character.',
      ),
    );
    expect(await refusal({ n: 1, ['k\u0000']: 1 }, { type: 'body', metatype: Body })).toEqual(
      fieldError('body', 'Property names must not contain a NUL character.'),
    );
  });
});
