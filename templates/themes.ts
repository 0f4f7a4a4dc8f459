/**
 * THE NEWSLETTER'S THEMES — edit this file (and newsletter.ts, its name) to retarget Tidings.
 *
 * Every item of the week is filed under exactly one theme; the digest shows the themes in the
 * order listed here, each as a section headed by its `name`, and the `fallback` last.
 *
 * How an item is scored, per theme:
 *   - each of the theme's `terms` found in the item's TITLE adds weight × scoring.titleWeight;
 *   - each found in the SUMMARY adds its weight once (a term repeated in a field counts once);
 *   - an item whose feed category is listed in the theme's `categories` gets scoring.categoryWeight.
 * The highest score wins; a tie goes to the theme listed first. An item whose best score is under
 * scoring.minScore goes to the fallback, which may also win outright with terms of its own.
 *
 * How terms match:
 *   - whole words and phrases, case-insensitively: "fab" matches "Fab" but not "fabulous";
 *   - write words in the singular: the regular plural matches too ("foundry" → "foundries",
 *     "chip" → "chips"); in a phrase, only the last word takes the plural ("export control" →
 *     "export controls"). List irregular plurals as terms of their own;
 *   - hyphens, spaces and punctuation are all the same separator: "high-bandwidth memory" and
 *     "high bandwidth memory" are one term; "China’s" and "China's" are the word "china";
 *   - a trailing * matches any ending: "hbm*" matches HBM, HBM3E and HBM4;
 *   - where one theme's terms overlap, only the longest counts: "memory chips" scores
 *     "memory chip" (3), not also "memory" (2).
 *
 * `ignore`: phrases in which the theme's own terms must not count ("in recent memory" stops
 * "memory" counting for Memory & storage there, and nowhere else). Each must contain one of the
 * theme's terms; ignoring is per theme, so "blue-chip stocks" can cancel "chip" for chips
 * while "stock" still counts for markets.
 *
 * Weights: 1 = a hint, 2 = usually this theme, 3 = nearly always, 4 = defining. In a newsletter
 * on one subject nearly every story mentions the subject's things (GPUs, memory), so words for
 * what happened (a tariff, a listing, a phone price rise) weigh more than words for what it
 * happened to; company and product names weigh 2 at most. Companies that span several themes
 * (Samsung, Huawei, Intel) are left out on purpose.
 *
 * The file is checked when Tidings loads it: a mistake (a misspelt key, a weight of 0, two themes
 * with one name, a category mapped twice, an ignore phrase that cancels nothing) stops the digest
 * with a message naming the entry. To see why an item landed where it did:
 *   compileThemes(config).explain({ title, summary, categories })   // from @tidings/core/theme/classifier
 * Accuracy against hand-labelled stories: npx vitest run test/theme/accuracy.test.ts (those
 * stories are about semiconductors: retarget the newsletter, and replace them with your own,
 * in the same format, in test/fixtures/themes/).
 */
import type { ThemeConfigInput } from "@tidings/core/theme/schema";

export default {
  scoring: { titleWeight: 3, categoryWeight: 4, minScore: 2 },

  themes: [
    {
      name: "AI chips & computing",
      about: "AI accelerators, processors and the companies that design them; data centres and supercomputers.",
      terms: {
        "ai chip": 3, "ai accelerator": 3, "accelerator": 3, "ai processor": 3, "inference chip": 3,
        "training chip": 3, "gpu": 3, "graphics processing unit": 3, "graphics processor": 3,
        "graphics chip": 3, "tpu": 3, "tensor processing unit": 3, "asic": 2, "custom chip": 2,
        "cpu": 2, "processor": 1, "server": 1, "ai server": 2, "data centre": 2, "data center": 2,
        "cloud": 1, "hyperscaler": 1, "supercomputer": 3, "computing": 2, "computing cluster": 3,
        "computing power": 2, "high performance computing": 3, "exaflop": 2, "rack scale": 2,
        "wafer scale": 2, "inference": 2, "training": 1, "large language model": 2, "llm": 2,
        "ai model": 2, "artificial intelligence": 0.5, "ai": 0.5, "chip designer": 1, "chip": 0.5,
        "nvidia": 2, "amd": 1, "broadcom": 1, "arm based": 2, "x86": 2, "xeon": 2, "epyc": 2,
        "blackwell": 2, "rubin": 2, "hopper": 2, "h20": 2, "h100": 2, "h200": 2, "b200": 2,
        "ascend": 2, "cambricon": 2, "moore threads": 2, "metax": 2, "biren": 2, "enflame": 2,
        "hygon": 2, "sugon": 2, "trainium": 2, "inferentia": 2, "maia": 2, "gaudi": 2,
        "cerebras": 2, "groq": 2, "deepseek": 2, "openai": 1, "anthropic": 1,
      },
      ignore: [
        "blue chip", "casino chip", "poker chip", "chip lead", "potato chip", "chocolate chip",
        "corn chip", "tortilla chip", "bargaining chip", "chip away",
      ],
      categories: ["AI", "Artificial intelligence", "AI chips", "Data centres", "Data centers", "Computing"],
    },
    {
      name: "Memory & storage",
      about: "DRAM, HBM, NAND flash, SSDs and hard drives: makers, output and prices.",
      terms: {
        "memory": 2, "memory chip": 3, "memory maker": 3, "memory chipmaker": 3, "memory module": 3,
        "dram": 3, "hbm*": 3, "high bandwidth memory": 3, "ddr*": 3, "lpddr*": 3, "nand": 3,
        "flash": 2, "flash memory": 3, "ssd": 3, "solid state drive": 3, "hard drive": 3,
        "hard disk": 3, "storage": 2, "terabyte": 2, "supercycle": 1,
        "micron": 2, "hynix": 2, "kioxia": 2, "ymtc": 2, "yangtze memory": 2, "cxmt": 2,
        "changxin": 2, "nanya": 2, "winbond": 2, "western digital": 2, "seagate": 2,
        "sandisk": 2, "phison": 2,
      },
      ignore: [
        "in recent memory", "in living memory", "in memory of", "memory lane", "long term memory",
        "short term memory", "muscle memory", "working memory", "energy storage", "battery storage",
        "cold storage", "grain storage", "flash flood", "flash sale", "news flash",
      ],
      categories: ["Memory", "Storage", "Memory chips"],
    },
    {
      name: "Foundries & manufacturing",
      about: "Contract chipmakers, fabs, process nodes, packaging and chipmaking equipment.",
      terms: {
        "foundry": 3, "contract chipmaker": 3, "contract manufacturing": 3, "chipmaker": 1,
        "fab": 3, "megafab": 3, "wafer": 2, "fabrication": 2, "semiconductor manufacturing": 2,
        "chipmaking": 2, "chipmaking equipment": 3, "chipmaking tool": 3, "equipment maker": 2,
        "lithography": 3, "euv": 3, "duv": 3, "scanner": 2, "etch": 2, "deposition": 2,
        "process node": 3, "node": 2, "mature node": 3, "nanometre": 2, "nanometer": 2,
        "2nm": 2, "3nm": 2, "5nm": 2, "7nm": 2, "14nm": 2, "22nm": 2, "28nm": 2, "18a": 2, "14a": 2,
        "gate all around": 3, "transistor": 2, "yield": 2, "capacity": 1, "utilisation": 2,
        "utilization": 2, "production line": 2, "pilot line": 2, "plant": 1, "factory": 1,
        "packaging": 2, "advanced packaging": 3, "cowos": 3, "chiplet": 2, "testing": 1,
        "tsmc": 2, "smic": 2, "hua hong": 2, "globalfoundries": 2, "umc": 2,
        "united microelectronics": 2, "rapidus": 2, "asml": 2, "tokyo electron": 2,
        "applied materials": 2, "lam research": 2, "kla": 2, "smee": 2, "amkor": 2, "ase": 2,
      },
      ignore: [
        "foundry of talent", "foundry of ideas", "iron foundry", "steel foundry", "metal foundry",
        "type foundry", "bond yield", "dividend yield", "treasury yield", "power plant",
      ],
      categories: ["Foundries", "Manufacturing", "Chipmaking", "Semiconductor manufacturing"],
    },
    {
      name: "Policy & trade",
      about: "Export controls, sanctions, tariffs, subsidies and state plans: governments and chips.",
      terms: {
        // What governments do
        "export control": 4, "export curb": 4, "export restriction": 4, "export rule": 4,
        "export ban": 4, "export licence": 4, "export license": 4, "export": 1, "exported": 1,
        "licence": 2, "license": 1, "waiver": 3, "revoke": 2, "sanction": 4, "entity list": 4,
        "blacklist": 3, "validated end user": 3, "tariff": 4, "trade war": 4, "tech war": 3,
        "trade talk": 3, "trade deal": 4, "trade agreement": 4, "trade": 1, "anti dumping": 4,
        "probe": 2, "investigation": 1, "retaliation": 3, "smuggling": 4, "smuggled": 4,
        "transshipment": 3, "divert*": 2, "customs": 3, "crackdown": 3, "crack down": 3,
        "fraud": 3, "prosecutor": 3, "breach": 2, "violate": 2, "comply": 2, "rule": 2,
        "curb": 3, "restriction": 3, "ban": 3, "subsidy": 4, "state aid": 4, "grant": 1,
        "tax credit": 3, "incentive": 2, "chips act": 4, "big fund": 3, "state backed": 2,
        "state support": 4, "procurement": 2, "guideline": 2, "security concern": 3,
        "national security": 3, "self reliance": 3, "self sufficiency": 3, "five year plan": 4,
        "three year plan": 3, "action plan": 3, "decoupling": 3, "geopolitical": 1,
        "rare earth": 3, "gallium": 3, "germanium": 3, "mineral": 2, "guardrail": 2,
        // Who does it
        "government": 2, "provincial government": 3, "local government": 3, "administration": 1,
        "regulator": 2, "legislation": 3, "bill": 1, "lawmaker": 3, "senator": 3, "congress": 3,
        "parliament": 2, "national assembly": 2, "ministry": 2, "minister": 2, "commerce": 2,
        "commerce department": 3, "cyberspace administration": 3, "state council": 3,
        "white house": 3, "trump": 2, "biden": 2, "xi": 1, "vice premier": 3, "beijing": 1,
        "washington": 1, "diplomacy": 3, "summit": 1, "state visit": 3,
      },
      ignore: [
        "trade show", "trade group", "trade fair", "washington state", "white house official",
        "e commerce",
      ],
      categories: ["Tech war", "Trade", "Policy", "Politics", "Geopolitics", "Regulation"],
    },
    {
      name: "Devices & autos",
      about: "Phones, PCs, wearables and cars, and the chips made for them.",
      terms: {
        "smartphone": 4, "phone": 4, "handset": 4, "iphone": 3, "galaxy": 2, "laptop": 4,
        "notebook": 2, "pc": 4, "personal computer": 4, "tablet": 3, "ipad": 3, "macbook": 3,
        "wearable": 3, "smartwatch": 4, "headset": 2, "game console": 4, "console": 3,
        "consumer electronics": 3, "device": 2, "device maker": 3,
        "car": 3, "carmaker": 4, "automaker": 4, "automotive": 3, "auto": 2, "vehicle": 3,
        "electric vehicle": 4, "ev": 3, "autonomous driving": 3, "self driving": 3,
        "driver assistance": 3, "assisted driving": 3, "robotaxi": 3, "adas": 3, "lidar": 2,
        "tesla": 2, "byd": 2, "xpeng": 2, "nio": 2, "li auto": 2, "toyota": 2, "volkswagen": 2,
        "denso": 2, "apple": 2, "xiaomi": 2, "oppo": 2, "vivo": 2, "honor": 1, "lenovo": 2,
        "dell": 2, "nintendo": 2, "qualcomm": 2, "snapdragon": 3, "mediatek": 2, "dimensity": 3,
        "kirin": 3, "system on chip": 2, "infineon": 2, "nxp": 2, "renesas": 2,
        "power semiconductor": 1, "battery": 1,
      },
      ignore: [
        "apples", "apple orchard", "apple grower", "apple harvest", "apple pie", "apple juice",
        "big apple", "car park",
      ],
      categories: ["Autos", "Automotive", "Cars", "EVs", "Smartphones", "Gadgets", "Consumer electronics", "Devices"],
    },
    {
      name: "Markets & investment",
      about: "Share prices, listings, funds, deals and dividends.",
      terms: {
        "share": 3, "stock": 3, "equity": 2, "equities": 2, "index": 2, "nasdaq": 3, "taiex": 3,
        "kospi": 3, "nikkei": 3, "hang seng": 3, "s&p 500": 3, "star market": 3, "stock exchange": 3,
        "ipo": 4, "initial public offering": 4, "listing": 3, "trading debut": 4, "debut": 1,
        "market value": 4, "market cap": 4, "market capitalisation": 4, "market capitalization": 4,
        "valuation": 2, "investor": 2, "retail investor": 3, "investment": 1, "fund": 1,
        "fund manager": 3, "asset manager": 3, "hedge fund": 3, "etf": 4, "inflow": 3, "outflow": 3,
        "holding": 1, "venture capital": 4, "funding round": 4, "stake": 3, "acquisition": 3,
        "takeover": 4, "merger": 4, "deal": 1, "dividend": 4, "buyback": 4, "price target": 4,
        "brokerage": 3, "analyst": 1, "rally": 3, "slump": 2, "tumble": 2, "slide": 2, "dump": 2,
        "sell off": 3, "selloff": 3, "record high": 3, "all time high": 3, "trader": 3,
        "short seller": 4, "profit taking": 3, "cornerstone": 3, "prospectus": 3,
        "oversubscribed": 3, "bookbuilding": 4, "share sale": 4, "blue chip": 2,
      },
      ignore: ["market share", "price index", "share of"],
      categories: ["Markets", "Stocks", "Investing", "IPOs", "Deals", "Finance"],
    },
  ],

  // Last in the digest. Gets everything no theme above claims; its own terms catch stories
  // that use the subject's words in other senses, and people, talent and research news.
  fallback: {
    name: "More news",
    about: "People, talent, research and the wider economy.",
    terms: {
      "talent": 2, "hiring": 2, "workforce": 2, "graduate": 2, "university": 2, "student": 3,
      "professor": 3, "school": 2, "museum": 3, "memoir": 4, "casino": 4, "poker": 4, "snack": 4,
      "cookie": 4, "restaurant": 4, "orchard": 4, "fruit": 3, "harvest": 2, "supermarket": 2,
      "brain": 3, "economist": 3, "economy": 2, "gdp": 3, "export order": 3, "appoint": 2,
      "appointed": 2, "chief executive": 1, "obituary": 4, "interview": 2, "research": 1,
      "basic research": 2,
    },
  },
} satisfies ThemeConfigInput;
