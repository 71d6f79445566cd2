/**
 * XSS vectors for the record sanitiser (OWASP filter-evasion cheat sheet style, SVG, MathML, entity tricks, mutation
 * XSS). Shared by the Vitest sanitiser tests and the Chromium test that loads the sanitised output into a page.
 * `$X` becomes a call that records a hit in the top page (`top.__xssHit(n)`); `$P` the same through postMessage, for
 * vectors that would run in an opaque origin (data: URLs). Any hit in Chromium means a vector executed.
 */
const RAW: readonly string[] = [
  '<script>$X</script>',
  '<SCRIPT SRC=data:text/javascript,$X></SCRIPT>',
  '<img src=x onerror=$X>',
  '<img src=x onerror="$X">',
  '<IMG SRC=JaVaScRiPt:$X>',
  '<img src="x" onerror="&#116;&#111;&#112;.__xssHit(N)">',
  '<img src=x onerror="\\u0074op.__xssHit(N)">',
  '<img srcset=",,,,,x" onerror=$X>',
  '<img """><script>$X</script>">',
  '<scr<script>ipt>$X</scr</script>ipt>',
  '<<script>$X//<</script>',
  '<svg onload=$X>',
  '<svg><script>$X</script></svg>',
  '<svg><animate onbegin=$X attributeName=x dur=1s>',
  '<svg><image href=x onerror=$X></svg>',
  '<svg><a xlink:href="javascript:$X"><text x=20 y=20>X</text></a></svg>',
  '<svg><foreignObject><iframe srcdoc="&lt;script&gt;$X&lt;/script&gt;"></iframe></foreignObject></svg>',
  '<svg><style><img src=x onerror=$X></style></svg>',
  '<svg></p><style><a id="</style><img src=1 onerror=$X>">',
  '<svg><p><style><g title="</style><img src onerror=$X>">',
  '<math href="javascript:$X">CLICKME</math>',
  '<math><maction actiontype="statusline" xlink:href="javascript:$X">x</maction></math>',
  '<math><mtext><table><mglyph><style><img src=x onerror=$X>',
  '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=$X&gt;">',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=$X>',
  '<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=$X src=1>">',
  '<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=$X>"></style></h1>',
  '<noscript><p title="</noscript><img src=x onerror=$X>">',
  '<xmp><p title="</xmp><img src=x onerror=$X>">',
  '<noembed><img title="</noembed><img src=x onerror=$X>">',
  '<iframe><img title="</iframe><img src=x onerror=$X>">',
  '<textarea><img title="</textarea><img src=x onerror=$X>">',
  '<title><img title="</title><img src=x onerror=$X>">',
  '<template><img src=x onerror=$X></template>',
  '<body onload=$X>',
  '<iframe src="javascript:$X"></iframe>',
  '<iframe srcdoc="&lt;img src=x onerror=$X&gt;"></iframe>',
  '<object data="data:text/html,<script>$P</script>"></object>',
  '<embed src="data:text/html,<script>$P</script>">',
  '<a href="javascript:$X">click</a>',
  '<a href="&#106;avascript:$X">click</a>',
  '<a href="jav&#x09;ascript:$X">click</a>',
  '<a href=" javascript:$X">click</a>',
  '<a href="data:text/html,<script>$P</script>">click</a>',
  '<details open ontoggle=$X>',
  '<input autofocus onfocus=$X>',
  '<select autofocus onfocus=$X></select>',
  '<textarea autofocus onfocus=$X></textarea>',
  '<input type=image src=x onerror=$X>',
  '<video><source onerror=$X></video>',
  '<audio src=x onerror=$X>',
  '<form><button formaction="javascript:$X">x</button></form>',
  '<button onclick=$X>x</button>',
  '<div onmouseover=$X>hover</div>',
  '<div id="enc-tab" class="date-banner" onclick=$X>record text</div>',
  '<marquee onstart=$X>x</marquee>',
  '<table background="javascript:$X"><tr><td>x</td></tr></table>',
  '<td onclick=$X>cell</td>',
  '<link rel=stylesheet href="javascript:$X">',
  '<style>@import "javascript:$X";</style>',
  '<div style="background:url(javascript:$X)">x</div>',
  '<base href="javascript:$X//">',
  '<meta http-equiv="refresh" content="0;url=javascript:$X">',
  '<p>&lt;img src=x onerror=$X&gt;</p>',
  '<p title="&quot;><img src=x onerror=$X>">quoted</p>',
  '<div class="a" id="b" data-x="1" aria-label="y" onpointerenter=$X tabindex=0>text</div>',
];

export interface XssVector {
  readonly id: number;
  readonly html: string;
}

export const XSS_CORPUS: readonly XssVector[] = RAW.map((raw, id) => ({
  id,
  html: raw
    .replaceAll('$X', `top.__xssHit(${id})`)
    .replaceAll('$P', `top.postMessage(${id},'*')`)
    .replaceAll('(N)', `(${id})`),
}));
