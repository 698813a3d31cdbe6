/* The search page: runs Pagefind in the browser over the index the build
   wrote (plugins/portal/search), in the page's language. Loaded on the search page
   only. The form is a plain GET form: its address (?q=…&section=…) is read
   here on load and kept up to date, so a search can be bookmarked or shared.
   It searches as the reader types, once typing pauses (WAIT), and at once
   on Enter or a changed filter.
   Every text comes from the page (data-text-* attributes, from the theme's
   catalogs). Without JavaScript the page shows its <noscript> message.
   The index comes in chunks, each a Pagefind index of consecutive stories
   (chunks.json lists each language's, oldest first): every chunk is
   searched and the answers merged.
   Pagefind stems Russian words itself; Kyrgyz ones are stemmed here
   (kyrgyz.js, with the rules the build writes to kyrgyz.json): the reader's
   words are looked up by the start all their forms share, so мэриясынын
   finds мэрия, мэрияга, мэриясы …; the stories that hold a word as it was
   typed come first, then those with another form of it, then those whose
   words only begin like it (автобусчулар for автобус). */
const root = document.querySelector("[data-search-results]");
const form = document.querySelector("[data-search-form]");
const FILTERS = ["section", "year", "official", "unit"];
const SORTS = { newest: { date: "desc" }, oldest: { date: "asc" } };
const PAGE = 10;
// Kyrgyz, by relevance: how many results after a page may take a place in it (sameWordFirst)
const LOOKAHEAD = 10;
const WAIT = 300; // ms after the last key: one search per pause, not one per letter
// The languages Pagefind has no stemmer for: the engine here, its rules beside chunks.json.
const STEMMED_HERE = { ky: { engine: "./kyrgyz.js", rules: "kyrgyz.json" } };

if (root && form) {
  const text = root.dataset;
  const status = root.querySelector(".search-results__status");
  const list = root.querySelector(".search-results__list");
  const lang = document.documentElement.lang;
  const number = new Intl.NumberFormat(lang);
  const more = document.createElement("button");
  more.type = "button";
  more.className = "search-results__more";
  more.textContent = text.textMore;
  more.hidden = true;
  root.append(more);
  let chunks = null; // this language's Pagefind instances, oldest stories first
  let stemmer = null; // for a language stemmed here (STEMMED_HERE)
  let latest = 0; // the newest search: answers to older ones are dropped
  let waiting = []; // the results not shown yet, in order
  let ranking = null; // by relevance in a language stemmed here: the stems of the reader's words
  let paging = Promise.resolve(); // one page at a time: a second click on "more" waits for the first

  const fill = (params) => {
    form.elements.q.value = params.get("q") || "";
    for (const name of [...FILTERS, "sort"]) {
      const select = form.elements[name];
      const value = params.get(name) || "";
      select.value = [...select.options].some((o) => o.value === value) ? value : "";
    }
  };

  const remember = () => {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (String(value).trim()) params.set(name, String(value).trim());
    const query = params.toString();
    history.replaceState(null, "", query ? `?${query}` : location.pathname);
  };

  const item = (data) => {
    const li = document.createElement("li");
    li.className = "search-result";
    const heading = document.createElement("h2");
    heading.className = "search-result__title";
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title;
    heading.append(link);
    const meta = document.createElement("p");
    meta.className = "search-result__meta";
    meta.textContent = [data.meta.date, data.meta.section].filter(Boolean).join(" · ");
    const excerpt = document.createElement("p");
    excerpt.className = "search-result__excerpt";
    excerpt.innerHTML = data.excerpt; // Pagefind's escaped text with <mark> around the words found
    li.append(heading, meta, excerpt);
    return li;
  };

  // Each search has its own `waiting` list: a page of an older search never takes from a newer one's.
  const showMore = async (search) => {
    if (search !== latest) return [];
    const queue = waiting;
    const next = ranking ? await sameWordFirst(queue, ranking) : queue.splice(0, PAGE);
    const items = (await Promise.all(next.map((r) => r.data()))).map(item);
    if (search !== latest) return [];
    list.append(...items);
    more.hidden = !queue.length;
    return items;
  };

  const run = async () => {
    const search = ++latest;
    remember();
    list.replaceChildren();
    more.hidden = true;
    waiting = [];
    ranking = null;
    const words = form.elements.q.value.trim();
    const filters = {};
    for (const name of FILTERS) if (form.elements[name].value) filters[name] = form.elements[name].value;
    if (!words && !Object.keys(filters).length) {
      status.textContent = text.textEmpty;
      return;
    }
    status.textContent = text.textSearching;
    // without words there is no "best match": the newest come first
    const sort = SORTS[form.elements.sort.value] || (words ? undefined : SORTS.newest);
    const quoted = /^\s*".+"\s*$/.test(words); // Pagefind's exact search: left as typed
    const typed = stemmer && !quoted ? words.split(/\s+/).map(stemmer.normalize).filter(Boolean) : [];
    const query = typed.length ? typed.map((word) => stemmer.prefix(word) || word).join(" ") : words;
    const found = await Promise.all(chunks.map((chunk) => chunk.search(query || null, { filters, sort })));
    if (search !== latest || found.some((answer) => !answer)) return;
    let results = merged(found, sort);
    if (typed.length && !sort) results = await typedFirst(found, typed, filters);
    if (search !== latest) return;
    waiting = [...results]; // showMore takes the pages from it
    ranking = typed.length && !sort ? typed.map(stemmer.stem) : null;
    await showMore(search);
    // said once the first results are on the page: the status is a live region
    if (search === latest) {
      status.textContent = results.length ? `${text.textFound} ${number.format(results.length)}` : text.textNone;
    }
  };

  // A stemmed search finds every story with a word that begins with the stem; those that hold the
  // reader's words as typed come first (the more of them, the higher), each group by Pagefind's
  // score. Pagefind tells which stories hold a word exactly, and nothing else (its "quoted" search).
  const typedFirst = async (found, typed, filters) => {
    const holding = await Promise.all(chunks.map(async (chunk, index) => {
      if (!found[index].results.length) return [];
      const exact = await Promise.all(typed.map((word) => chunk.search(`"${word}"`, { filters })));
      return exact.map((answer) => new Set(answer.results.map((result) => result.id)));
    }));
    const held = new Map(); // result -> how many typed words its story holds
    found.forEach((answer, index) => answer.results.forEach((result) => {
      held.set(result, holding[index].filter((ids) => ids.has(result.id)).length);
    }));
    return found.flatMap((answer) => answer.results).sort((a, b) => held.get(b) - held.get(a) || b.score - a.score);
  };

  // Among the stories found, those holding another form of the reader's word (автобуска for
  // автобустардын) rank with those whose word only begins like it (автобусчулар) in Pagefind's score,
  // and so in `waiting`. A page shows first the stories holding the most of the reader's words in
  // some form, each group in its order; which words a story holds is read from those Pagefind
  // matched in it (its fragment, which showing it loads anyway). If a story of the next PAGE holds
  // fewer words than the reader typed, a story among the LOOKAHEAD after them may take its place:
  // those are read too. The rest wait, in their order, so paging shows every story once. A story of
  // the same word ranked more than LOOKAHEAD places lower by Pagefind comes after it
  // (docs/performance.md: how often).
  const sameWordFirst = async (queue, stems) => {
    const weigh = (results) => Promise.all(results.map((result) => wordsHeld(result, stems)));
    let weighed = queue.slice(0, PAGE);
    let held = await weigh(weighed);
    if (held.some((count) => count < stems.length)) {
      const next = queue.slice(PAGE, PAGE + LOOKAHEAD);
      held = [...held, ...(await weigh(next))];
      weighed = [...weighed, ...next];
    }
    const page = weighed.map((result, index) => ({ result, index, held: held[index] }))
      .sort((a, b) => b.held - a.held || a.index - b.index).slice(0, PAGE).map(({ result }) => result);
    queue.splice(0, weighed.length, ...weighed.filter((result) => !page.includes(result)));
    return page;
  };

  // How many of the reader's words (by stem) a story holds among the words Pagefind matched in it.
  const wordsHeld = async (result, stems) => {
    const data = await result.data();
    const words = data.raw_content.split(/[\r\n\s]+/g); // as Pagefind counts them (its excerpts)
    const matched = new Set(data.locations.map((location) => words[location] ?? ""));
    const held = new Set([...matched].map(stemmer.stem));
    return stems.filter((stem) => held.has(stem)).length;
  };

  // By date, the chunks' answers are laid end to end (the chunks follow the date); by relevance,
  // they are ordered by Pagefind's scores, which compare across indexes (its own multisite search
  // merges them the same way).
  const merged = (found, sort) => {
    if (sort) return (sort.date === "desc" ? [...found].reverse() : found).flatMap((answer) => answer.results);
    return found.flatMap((answer) => answer.results).sort((a, b) => b.score - a.score);
  };

  // Every chunk's Pagefind would download the same WebAssembly module (~70 kB) from its own
  // folder: the first request for it is made, every other one answered with that response. So
  // Pagefind runs on the page's thread (noWorker): in its web worker, its requests are out of reach.
  // A browser older than the policy's 'wasm-unsafe-eval' cannot compile WebAssembly on the page's
  // thread: there Pagefind keeps its worker, and each chunk its own download.
  const compilesHere = (() => {
    try {
      return new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])) instanceof WebAssembly.Module;
    } catch (error) {
      return false;
    }
  })();
  const shareWebAssembly = (bundle) => {
    const pageFetch = window.fetch.bind(window);
    const modules = new Map(); // by file name (wasm.ru.pagefind …): its response, unread
    window.fetch = (resource, options) => {
      const url = new URL(resource instanceof Request ? resource.url : String(resource), location.href);
      const name = url.pathname.startsWith(bundle) && url.pathname.match(/\/(wasm\.[\w-]+\.pagefind)$/);
      if (!name) return pageFetch(resource, options);
      if (!modules.has(name[1])) modules.set(name[1], pageFetch(resource, options));
      return modules.get(name[1]).then((response) => response.clone());
    };
  };

  const stemmerFor = async ({ engine, rules }, script) => {
    const [module, response] = await Promise.all([import(engine), fetch(new URL(rules, script))]);
    if (!response.ok) throw new Error(`${rules}: ${response.status}`);
    return module.default(await response.json());
  };

  const load = async () => {
    const script = new URL(text.pagefind, location.href);
    if (compilesHere) shareWebAssembly(new URL("./", script).pathname);
    const imported = import(script.href); // loads beside chunks.json; a site with no story has none
    imported.catch(() => {}); // its failure counts only where there is a chunk to open
    // without its stemmer, a language is searched as Pagefind searches it: the forms typed, and longer ones
    const stemming = STEMMED_HERE[lang] ? stemmerFor(STEMMED_HERE[lang], script).catch((error) => {
      console.warn("Searching without stemming:", error);
      return null;
    }) : null;
    const response = await fetch(new URL("chunks.json", script));
    if (!response.ok) throw new Error(`chunks.json: ${response.status}`);
    const table = await response.json();
    stemmer = await stemming;
    const [first, ...others] = table[lang] || [];
    if (first === undefined) return [];
    const pagefind = await imported;
    const open = async (name) => {
      const chunk = pagefind.createInstance({
        basePath: new URL(`${name}/`, script).pathname, baseUrl: text.baseUrl, excerptLength: 24,
        noWorker: compilesHere,
      });
      await chunk.filters(); // resolves once the chunk's index is loaded
      return chunk;
    };
    // Pagefind's instances share one WebAssembly module, which the first to load sets up:
    // instances loading at the same time would each set it up, over each other's memory.
    const oldest = await open(first);
    return [oldest, ...(await Promise.all(others.map(open)))];
  };

  const failed = () => {
    status.textContent = `${text.textFailed} `;
    const link = document.createElement("a");
    link.href = text.archiveUrl;
    link.textContent = text.textArchive;
    status.append(link);
  };

  more.addEventListener("click", () => {
    const search = latest;
    paging = paging.then(async () => {
      const items = await showMore(search);
      if (items.length) items[0].querySelector("a").focus();
    }).catch((error) => console.error("The next results could not be shown:", error));
  });
  let typing = 0;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    if (chunks) run();
  });
  form.elements.q.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => chunks && run(), WAIT);
  });
  form.addEventListener("change", (event) => {
    if (chunks && event.target.tagName === "SELECT") run();
  });

  fill(new URLSearchParams(location.search));
  try {
    chunks = await load();
  } catch (error) {
    chunks = null;
    failed();
  }
  if (chunks) await run();
}
