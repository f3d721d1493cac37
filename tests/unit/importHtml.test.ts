import { htmlToPlainText, htmlToRichBlocks } from '@kenlabour/shared/import/htmlToRich'
import { richToHtml, richToPlainText } from '@kenlabour/shared/richtext'
import { describe, expect, it } from 'vitest'

describe('htmlToRichBlocks (Bazar textareas → rich text)', () => {
  it.each([
    ['<p>Bonjour</p>', [{ type: 'paragraph', content: [{ type: 'text', text: 'Bonjour' }] }]],
    [
      '<p>Un <strong>vrai</strong> <em>bio</em></p>',
      [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Un ' },
            { type: 'text', text: 'vrai', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' ' },
            { type: 'text', text: 'bio', marks: [{ type: 'italic' }] },
          ],
        },
      ],
    ],
    [
      '<h3>Titre</h3><ol><li>un</li><li>deux</li></ol>',
      [
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Titre' }] },
        {
          type: 'orderedList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'un' }] }] },
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'deux' }] }] },
          ],
        },
      ],
    ],
    [
      '<blockquote>cité</blockquote>',
      [{ type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'cité' }] }] }],
    ],
    [
      'a<br>b',
      [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }, { type: 'text', text: 'b' }],
        },
      ],
    ],
    [
      '<p>Bio &amp; local &eacute;t&eacute;</p>',
      [{ type: 'paragraph', content: [{ type: 'text', text: 'Bio & local été' }] }],
    ],
    [
      'ligne 1\nvoir https://ticoop.fr\n\n',
      [
        { type: 'paragraph', content: [{ type: 'text', text: 'ligne 1' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'voir ' },
            {
              type: 'text',
              text: 'https://ticoop.fr',
              marks: [{ type: 'link', attrs: { href: 'https://ticoop.fr/' } }],
            },
          ],
        },
      ],
    ],
    ['', []],
    ['<p> </p><div></div>', []],
  ])('%j', (html, expected) => {
    expect(htmlToRichBlocks(html)).toEqual(expected)
  })

  it('keeps safe links and drops unsafe ones, keeping their text', () => {
    const blocks = htmlToRichBlocks(
      '<p><a href="https://a.fr">ok</a> <a href="javascript:alert(1)">ko</a></p>',
    )
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'ok', marks: [{ type: 'link', attrs: { href: 'https://a.fr/' } }] },
          { type: 'text', text: ' ko' },
        ],
      },
    ])
  })

  it('neutralises XSS: no script, handler, iframe, style or javascript: URL survives', () => {
    const html =
      '<p onclick="alert(1)">Échange <script>alert("xss")</script>de graines</p>' +
      '<a href="javascript:alert(2)">x</a><img src=x onerror="alert(3)"><iframe src="https://evil"></iframe>' +
      '<style>p{}</style><svg><script>alert(4)</script></svg><a href="data:text/html,<script>">d</a>'
    const blocks = htmlToRichBlocks(html)
    const json = JSON.stringify(blocks)
    expect(json).not.toMatch(/alert|script|onclick|onerror|iframe|javascript|data:|evil|style/i)
    expect(richToPlainText(blocks)).toBe('Échange de graines\nxd')
    expect(richToHtml(blocks)).not.toMatch(/<(script|iframe|img|style)|on\w+=/i)
  })

  it('htmlToPlainText drops tags and decodes entities', () => {
    expect(htmlToPlainText('<b>Ti</b> Coop &amp; co<br>Brest')).toBe('Ti Coop & co\nBrest')
    expect(htmlToPlainText('no markup, <3')).toBe('no markup, <3')
  })
})
