/**
 * Numbers in a KR's wording that name a thing, not a quantity to reach: a version ('multistream 2.0', 'stable 1.0
 * version', '版本2.0'), a product or standard with its number ('React 18', 'Python 3.11', 'ISO 27001', 'SOC 2'), a
 * name glued to a digit ('5G', '3D'), a code ('UTF-8', 'T=1001', '`retries = 3`', an HTTP status '404s', '5xx'), the
 * things compared ('between 2 clones'). The one place the reader keeps them: infer-target.ts masks them before it looks
 * for targets, as a person reading 'Upgrade the frontend to React 18' sees a milestone, not a target of 18.
 */

const blank = (m: string) => ' '.repeat(m.length);

/**
 * Names that take a version or edition number, written as their makers write them (case matters: 'Go live in 2
 * markets', 'Office' moves, 'office' does not). A whole number after them is a version too ('React 18', 'iOS 17').
 * Two-word names are listed whole ('Spring Boot 3').
 */
const PRODUCTS = new Set(
  [
    'React React Native Vue Vue.js Angular AngularJS Node Node.js NodeJS Deno Python Java JDK JRE PHP Perl Lua Dart',
    'Rails Django Flask Laravel Symfony Golang Kotlin Scala TypeScript JavaScript ECMAScript ES C++ C# .NET Flutter',
    'Elixir Erlang iOS iPadOS macOS watchOS tvOS visionOS Android Windows Ubuntu Debian CentOS RHEL Fedora Alpine',
    'Postgres PostgreSQL MySQL MariaDB MongoDB Redis Elasticsearch Kafka Hadoop Kubernetes K8s k8s Docker Helm',
    'Terraform Next.js Nuxt Nuxt.js Webpack webpack Vite Babel Bootstrap Tailwind jQuery Electron Unreal OpenAPI',
    'Swagger OAuth TLS SSL HTTP HTML CSS USB Bluetooth Wi-Fi WiFi Chrome Firefox Safari Xcode Qt OpenGL Vulkan',
    'DirectX CUDA PyTorch TensorFlow GPT Llama Claude Gemini Qwen DeepSeek Mistral Gradle Maven Drupal WordPress',
    'Magento Odoo Svelte Ionic Xamarin Blazor HarmonyOS OpenHarmony IPFS libp2p Solidity SOC ISO IEC ISO/IEC',
    'IEEE WCAG PCI DSS CMMC NIST Office Microsoft Dynamics Excel Diffusion Xbox Pixel',
  ]
    .join(' ')
    .split(' ')
    .concat(['Spring Boot', 'SQL Server', 'Visual Studio', 'OWASP Top', 'Unreal Engine', 'Windows Server']),
);
/**
 * Common words that are also names ('Web 3.0', 'Industry 4.0', 'Go 1.21', 'Unity 6'), written with their capital: a
 * version with a point, or a whole number that counts nothing after it.
 */
const PRODUCT_WORDS = new Set('Web Industry Go Rust Swift Edge Unity Spark Spring Linux Kernel Ember Jira'.split(' '));

/** The numbers that may be versions: '18', '3.11', '1.2.3', '3.x', '20+' (and later). */
const NUMBER_RUN = /\d+(?:\.(?:\d+|x))*\+?/g;
/** A character of a name written before a version ('Node.js', 'C++', 'K8s', 'Wi-Fi'). */
const NAME_CHAR = /[A-Za-z\d.+#-]/;

/** A plural noun after a number counts things ('1000 stars'): then the number is a quantity, not a version. */
const PLURAL = String.raw`(?!(?:is|was|has|as|its|this|does|plus|across|status)\b)[a-z]+s\b`;
/** A number going somewhere is a quantity ('4.0 -> 4.5', '1.0 to 2.0', '2.0到3.0'), or a range's start ('0.0–1.0'). */
const TO_NEXT = String.raw`->|→|=>|~|～|[-–—]\s*\d|到|至|to\b`;
/** What may follow a version: not a share, a multiple of thousands, a plural noun counted or a 'to' ('1000 stars'). */
const QUANTITY_AFTER = new RegExp(String.raw`^(?:[%‰]|\s*(?:[kKmMwW万]\b|${PLURAL}|${TO_NEXT}))`);

/** A name written with capitals inside ('OpenAPI', 'PostgreSQL', 'iOS', 'GitLab'). */
const CAMEL = /^(?:[a-z]+[A-Z]|[A-Z][a-z]+[A-Z])[A-Za-z]*$/;

/**
 * Words that lead a quantity: before 'N.0' they make it a quantity ('Raise CSAT to 4.0', 'rating 4.0'), where after
 * another word N.0 is a version ('multistream 2.0 is implemented', 'Web 3.0 strategy').
 */
const LEADS_QUANTITY =
  /^(?:to|of|by|at|from|than|above|below|under|over|least|most|reach(?:es|ing)?|hit|achieve|get|keep|maintain|stay|hold|exceed|surpass|improve|raise|increase|grow|boost|lift|lower|reduce|cut|decrease|drop|rating|ratings|score|scores|nps|csat|gpa|ratio|index|rate|average|avg|mean|median|stars?|points?|grade|about|around|approx|approximately|within|only|just)$/i;

/** Two-word names, by their second word ('Spring Boot 3', 'SQL Server 2022'). */
const SECOND_WORDS = new Set(['Boot', 'Server', 'Studio', 'Top', 'Engine', 'DSS']);

/** Whether `num` after `name` at `at` in `s` is a version, given what follows it. */
function isVersion(s: string, at: number, name: string, space: string, num: string, after: string): boolean {
  if (PRODUCTS.has(name)) return true;
  if (SECOND_WORDS.has(name) && at > 1) {
    const prev = /([A-Za-z]+) $/.exec(s.slice(Math.max(0, at - 12), at));
    if (prev && PRODUCTS.has(`${prev[1]} ${name}`)) return true;
  }
  // 'Unity 6', 'Swift 6 migration', 'Go 1.22'; not 'Go 2 markets' (a count).
  if (PRODUCT_WORDS.has(name)) return !!space && (/\.\d/.test(num) || !QUANTITY_AFTER.test(after));
  const camel = CAMEL.test(name);
  // 'multistream 2.0 is implemented': N.0 after a word that leads no quantity.
  const pointZero = !!space && /^\d+\.0$/.test(num) && /^[A-Za-z][A-Za-z\d+#-]*$/.test(name);
  if (!camel && !(pointZero && !LEADS_QUANTITY.test(name))) return false;
  return !QUANTITY_AFTER.test(after);
}

/**
 * Blank the version numbers after product names, names with capitals inside, and 'name N.0'. Scans the numbers and
 * looks back at the word before each (most texts hold a number or two), rather than matching every word.
 */
function maskWordVersions(s: string): string {
  let out = s;
  NUMBER_RUN.lastIndex = 0;
  for (let m = NUMBER_RUN.exec(s); m; m = NUMBER_RUN.exec(s)) {
    const at = m.index;
    const space = at > 1 && s[at - 1] === ' ' ? ' ' : '';
    let k = at - space.length;
    while (k > 0 && at - k < 24 && NAME_CHAR.test(s[k - 1])) k--;
    const name = s.slice(k, at - space.length);
    if (!/^[A-Za-z.]/.test(name) || (!space && /\d$/.test(name))) continue;
    if (!isVersion(s, k, name, space, m[0], s.slice(at + m[0].length, at + m[0].length + 24))) continue;
    // More versions of the same name: 'Node 18/20', 'iOS 17 and 18', 'SOC 1、2', 'Node 18 to 20' (not 'to 500 apps').
    const more = MORE_VERSIONS.exec(s.slice(at + m[0].length));
    const end = at + m[0].length + (more ? more[0].length : 0);
    out = out.slice(0, at) + out.slice(at, end).replace(/\d/g, ' ') + out.slice(end);
    NUMBER_RUN.lastIndex = end;
  }
  return out;
}
const MORE_NUMBER = String.raw`\s*\d+(?:\.(?:\d+|x))*\+?(?![\d%]|\s*[kKmMwW万]\b)`;
/**
 * A list of versions ('/20', ' and 18', '、2'), or the version upgraded to ('to 20', 'Java 8升级到17'; not 'to 500
 * apps', a count).
 */
const MORE_VERSIONS = new RegExp(
  String.raw`^(?:\s*(?:\/|,|、|&|\band\b|\bor\b|和|与)${MORE_NUMBER}|\s*(?:(?:升级|迁移|更新|upgraded|migrated)\s*)?(?:\bto\b|->|→|到|至)${MORE_NUMBER}(?!\s*(?:${PLURAL}|[个家位名台])))+`,
);

/**
 * A version named as one: 'version 2', 'v. 1.0', '版本2.0', '버전 3', and Chinese platform names ('鸿蒙4', '安卓14');
 * 'stable 1.0', 'release 2.1' (with a point).
 */
const VERSION_BEFORE =
  /(?:\b(?:version|ver\.|v\.)|版本|버전|バージョン|鸿蒙|安卓|欧拉|麒麟|统信)\s*:?\s*(v?\d+(?:\.\d+)*)|\b(?:stable|beta|alpha|LTS|GA|RC|release)\s+(v?\d+(?:\.\d+)+)/gi;
/** '1.0 release', 'stable 2.1 version', '2.0版本', '3.0版', '1.2-beta': a number with a point before a version word. */
const VERSION_AFTER =
  /(?<![\d.])(\d+(?:\.\d+)+)(?=\s?(?:-?(?:alpha|beta|rc\d*|stable|lts|ga|final)\b|(?:version|release)s?\b|版本?|버전|バージョン))/gi;
/** '1.2.3', '0.10.1': three numbers joined by points are a version (not '1.000.000', thousands written with points). */
const SEMVER = /(?<![\d.])(?!\d{1,3}(?:\.\d{3}){2,}(?![\d.]))\d+\.\d+\.\d+(?:\.\d+)*(?![\d.])/g;

/** '商城2.0上线': N.0 glued after Chinese words names a version, unless a word leading a quantity is right before it. */
const ZH_POINT_ZERO = new RegExp(
  String.raw`(?<=[\u4e00-\u9fff])(\d+\.0)(?![\d.%])(?!\s*(?:[分倍个家位名次件款项元万亿千秒]|${TO_NEXT}))`,
  'gu',
);
const ZH_LEADS_QUANTITY =
  /(?:达到|到|至|为|是|于|超过|突破|提升|提高|增长|降低|降|保持|维持|评分|分数|得分|绩点|均分|平均|约)$/;
function maskZhPointZero(s: string): string {
  return s.replace(ZH_POINT_ZERO, (num: string, _g: string, at: number) =>
    ZH_LEADS_QUANTITY.test(s.slice(Math.max(0, at - 4), at)) ? num : blank(num),
  );
}

/**
 * 'Upgrade the clusters to 1.28', '升级到3.0': after a verb of upgrading, the number with a point reached is a version.
 */
const UPGRADE_TO =
  /\b(?:upgrad|migrat|updat|bump|mov|port)[a-z]*\b[^,;，。；]{0,40}?\bto\s+(?:[A-Za-z][\w.+#-]*\s)?(v?\d+\.\d+(?:\.\d+)*)|(?:升级|迁移|更新)(?:到|至)\s*(?:[A-Za-z][\w.+#-]*\s*)?(v?\d+\.\d+(?:\.\d+)*)/gi;

/** A name glued to a digit: '5G', '3D', '2FA', '3PL' (not '24h', '5k', units). */
const GLUED_NAME = /(?<![\p{L}\d.])(?:[2-6](?=G\b)|[23](?=D(?:\b|[^A-Za-z]))|2(?=FA\b)|[1-5](?=PL\b))/gu;

/**
 * The things compared or linked, not a quantity: 'between 2 clones', 'between two teams', and a range 'between 10 and
 * 20' (a range states no target); '在2个版本之间', '两个分支之间'.
 */
const BETWEEN =
  /\bbetween\s+(?:\d[\d,.]*\s?[kKmM%]?|one|two|three|four|five|six|seven|eight|nine|ten)\b(?:\s*(?:and|&|to|-|–)\s*\d[\d,.]*\s?[kKmM%]?)?|(?<![\d到至~～\-–.])(?:\d+|[两二三四五六七八九十])(?=\s*个[^\d，。,;；]{0,8}?之间)/gi;

/** Blank the last group that matched (the number; the name before it stays), or the whole match, keeping offsets. */
function blankGroups(s: string, re: RegExp): string {
  return s.replace(re, (whole: string, ...rest: unknown[]) => {
    const groups = rest.slice(0, -2).filter((g): g is string => typeof g === 'string');
    const g = groups[groups.length - 1];
    if (g === undefined) return blank(whole);
    const at = whole.lastIndexOf(g);
    return whole.slice(0, at) + blank(g) + whole.slice(at + g.length);
  });
}

/**
 * Code names: digits joined to a word by - _ = / # ('UTF-8', 'T=1001', 'ISO-9001', 'COVID-19'), an issue reference
 * ('repo/#24', '[#24](...)'), '30-day' metrics.
 */
const CODE_NAME = /(?<=[A-Za-z][-_=/#]|[/[]#)\d+(?:\.\d+)*|\b\d+-(?:day|week|month|year|hour|minute)s?\b/gi;
/**
 * Code written as code: text in backticks ('`waypoints_total = 5`'), a setting assigned to an identifier
 * ('max_retries = 3', 'config.limit = 10'), a section of a law or standard ('501(c)(3)', '§ 12', 'RFC 7231').
 */
const CODE_SPAN =
  /`[^`\n]*`|\b[A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z][A-Za-z0-9]*)+\s*:?==?\s*\d+(?:\.\d+)?\b|\b\d+(?:\([A-Za-z0-9]{1,3}\))+|§+\s*\d+(?:\.\d+)*/g;
/**
 * Status and error codes: a plural of an error status ('real 404s', '500s'), a class of them ('5xx', '4XX'), a code
 * after its kind ('HTTP 500', 'status 503', 'error code 1001', 'exit code 137'), a code with its reason ('502 Bad
 * Gateway'), a hexadecimal code ('0x80070005').
 */
const STATUS_CODE =
  /\b[45]\d\ds\b|\b[1-5]xx\b|\b(?:http|status|error|exit|response|return)(?:\s+code)?\s*:?\s*\d{3,4}\b|\b[1-5]\d\d\s+(?:not found|bad request|unauthori[sz]ed|forbidden|conflict|gone|too many requests|internal server error|bad gateway|service unavailable|gateway time-?out)\b|\b0x[\da-f]+\b/gi;

/** Blank the codes in `s`: code names, code spans and status codes (offsets kept). */
function maskCodes(s: string): string {
  // Each pattern runs only when its mark is there: most KR texts hold none of them.
  if (/[`=(§]/.test(s)) s = s.replace(CODE_SPAN, blank);
  if (/[A-Za-z][-_=/#]\d|[/[]#\d|\d-[a-z]/i.test(s)) s = s.replace(CODE_NAME, blank);
  if (/\d\d\ds|\dxx|http|status|error|exit|response|return|\d\d\d [A-Za-z]|0x/i.test(s))
    s = s.replace(STATUS_CODE, blank);
  return s;
}

/** The text with codes, version numbers, product and standard numbers and compared counts blanked (offsets kept). */
export function maskNames(text: string): string {
  // Cheap checks first: most KR texts name no version, product or comparison.
  if (!/[\d两二三四五六七八九十]/.test(text)) return text;
  let s = maskCodes(text);
  if (/\d\.\d+\.\d/.test(s)) s = s.replace(SEMVER, blank);
  if (/[A-Za-z.]\s?\d/.test(s)) s = maskWordVersions(s);
  if (/版本|버전|バージョン|鸿蒙|安卓|欧拉|麒麟|统信|ver|v\.|\d\.\d/i.test(s)) s = blankGroups(s, VERSION_BEFORE);
  if (/\d\.\d/.test(s)) {
    s = blankGroups(blankGroups(s, VERSION_AFTER), UPGRADE_TO);
    if (/[\u4e00-\u9fff]\d/.test(s)) s = maskZhPointZero(s);
  }
  if (/\d[GDFP]/.test(s)) s = s.replace(GLUED_NAME, blank);
  if (/between|之间/i.test(s)) s = s.replace(BETWEEN, blank);
  return s;
}

/** The first name whose number maskNames set aside, as written ('React 18', 'multistream 2.0', '5G'), or null. */
export function firstNamedNumber(text: string): string | null {
  const masked = maskNames(text);
  if (masked === text) return null;
  let at = 0;
  while (at < text.length && masked[at] === text[at]) at++;
  if (at === text.length) return null;
  let end = at;
  const blanked = (j: number) => masked[j] === ' ' && text[j] !== ' ';
  while (end < text.length && (blanked(end) || (masked[end] === ' ' && blanked(end + 1)))) end++;
  const glued = /^[A-Za-z]+/.exec(text.slice(end));
  if (glued) return text.slice(at, end + glued[0].length);
  // '两个分支之间': the numeral with what it counts, up to 之间.
  const zh = /^[两二三四五六七八九十\d]+\s*个[^，。,;；]{0,8}?之间/.exec(text.slice(at));
  if (zh) return zh[0];
  // A code carrying its own letters ('404s', '5xx', '0x80070005') names itself.
  if (!/\d/.test(text[at]) || /[A-Za-z]$/.test(text.slice(at, end))) return text.slice(at, end).trim();
  // The name before the number ('React ', 'multistream ', 'V', '版本').
  const before = /(?:[A-Za-z][\w.+#/-]{0,11}\s?|版本|버전|バージョン)$/.exec(text.slice(Math.max(0, at - 13), at));
  return text.slice(at - (before ? before[0].length : 0), end).trim();
}
