/** Capability tokens: what verifies, what does not and why; roles; the client's link capture. */
import { canWrite, roleAtLeast } from '@kenlabour/shared/access'
import { describe, expect, it } from 'vitest'
import { captureTokenFromLocation, roleOfToken } from '../../client/src/sync/accessTokens.ts'
import { mintToken, verifyToken } from '../../relay/src/access/tokens.ts'

const key = new Uint8Array(32).fill(1)

describe('tokens', () => {
  it('round-trips claims', async () => {
    const token = await mintToken(key, { space: 'atelier', role: 'editor', ver: 3 })
    const result = await verifyToken(key, token)
    expect(result).toMatchObject({ ok: true, claims: { space: 'atelier', role: 'editor', ver: 3 } })
    expect(roleOfToken(token)).toBe('editor')
  })

  it('refuses another key, a tampered payload, an expired token, garbage and alg none', async () => {
    const token = await mintToken(key, { space: 'atelier', role: 'reader', ver: 1 })
    expect(await verifyToken(new Uint8Array(32).fill(2), token)).toEqual({
      ok: false,
      reason: 'token is not valid',
    })
    const [h, , sig] = token.split('.')
    const forged = `${h}.${Buffer.from(JSON.stringify({ space: 'atelier', role: 'admin', ver: 1 })).toString('base64url')}.${sig}`
    expect((await verifyToken(key, forged)).ok).toBe(false)
    const expired = await mintToken(key, { space: 'atelier', role: 'reader', ver: 1, expiresInSeconds: -1 })
    expect(await verifyToken(key, expired)).toEqual({ ok: false, reason: 'token expired' })
    expect((await verifyToken(key, 'garbage')).ok).toBe(false)
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"space":"atelier","role":"admin","ver":1}').toString('base64url')}.`
    expect((await verifyToken(key, none)).ok).toBe(false)
  })

  it('refuses well-signed tokens whose claims are not ours', async () => {
    const { SignJWT } = await import('jose')
    const odd = await new SignJWT({ space: 'Bad Space', role: 'owner', ver: 0 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(key)
    expect(await verifyToken(key, odd)).toEqual({ ok: false, reason: 'token claims are not valid' })
  })

  it('orders roles', () => {
    expect(roleAtLeast('admin', 'editor')).toBe(true)
    expect(roleAtLeast('reader', 'editor')).toBe(false)
    expect(canWrite('reader')).toBe(false)
    expect(canWrite('editor')).toBe(true)
  })
})

describe('link capture', () => {
  it('stores the token of /s/<space>?token= and strips it, keeping other parameters', () => {
    const stored = new Map<string, string>()
    globalThis.localStorage = {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => void stored.set(k, v),
    } as Storage
    let replaced = ''
    const space = captureTokenFromLocation(
      { pathname: '/s/atelier/f/X1', search: '?q=brest&token=abc', hash: '' },
      (url) => {
        replaced = url
      },
    )
    expect(space).toBe('atelier')
    expect(stored.get('kenlabour:token:atelier')).toBe('abc')
    expect(replaced).toBe('/s/atelier/f/X1?q=brest')
    expect(
      captureTokenFromLocation(
        { pathname: '/s/atelier', search: '', hash: '#token=def' },
        (url) => (replaced = url),
      ),
    ).toBe('atelier')
    expect(replaced).toBe('/s/atelier')
    expect(stored.get('kenlabour:token:atelier')).toBe('def')
    expect(
      captureTokenFromLocation({ pathname: '/s/atelier', search: '', hash: '' }, () => undefined),
    ).toBeNull()
  })
})
