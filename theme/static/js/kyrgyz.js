/* Kyrgyz stemming on the search page: the engine of plugins/portal/kyrgyz/stemmer.py, line for line,
   over the same rules (the build writes them as JSON: rules() there). The suffix templates are
   expanded into one table of chains with the stems each may follow; a word loses its longest chain,
   its stem's end is brought to its form before a consonant, and again until nothing changes.
   tests/search/test_kyrgyz_search.py checks that both give the same stems on the same word list.
   The default export takes the rules and gives { normalize, stem, prefix }. */

const ENDS = ["V", "R", "Z", "S"];

export default (rules) => {
  const vowels = Object.keys(rules.harmony).join("");
  const highVowels = Object.values(rules.high);
  const iAfterVowel = new RegExp(`(?<=[${vowels}])и`, "gu");

  const render = (templates, harmony, end) => {
    let chain = "";
    for (const [template, after] of templates) {
      const shape = Array.isArray(template) ? template[end === "V" ? 0 : 1] : template[end];
      for (let letter of shape) {
        letter = { A: rules.low[harmony], I: rules.high[harmony] }[letter] || letter;
        harmony = rules.harmony[letter] || harmony; // each suffix vowel decides the next
        chain += letter;
      }
      end = after || rules.sounds[chain.at(-1)];
    }
    return chain;
  };

  const table = new Map(); // chain -> the stems it may follow ("аV": harmony class and end sound)
  for (const plural of [false, true]) {
    for (const possessive of [null, ...Object.keys(rules.possessives)]) {
      for (const kase of [null, ...Object.keys(rules.cases)]) {
        if (!plural && !possessive && !kase) continue;
        const templates = [];
        if (plural) templates.push([rules.plural, null]);
        if (possessive) templates.push([rules.possessives[possessive], possessive === rules.third ? "P" : null]);
        if (kase) templates.push([rules.cases[kase], null]);
        for (const harmony of Object.keys(rules.low)) {
          for (const end of ENDS) {
            const chain = render(templates, harmony, end);
            if (!table.has(chain)) table.set(chain, new Set());
            table.get(chain).add(harmony + end);
          }
        }
      }
    }
  }
  const longest = Math.max(...[...table.keys()].map((chain) => [...chain].length));

  const normalize = (word) => [...word.toLowerCase()].filter((letter) => /[\p{L}\p{N}]/u.test(letter))
    .join("").replaceAll("ё", "е").replace(iAfterVowel, "й");

  const regular = (word) => {
    for (const [irregular, form] of Object.entries(rules.irregular)) {
      if (word.startsWith(irregular)) return form + word.slice(irregular.length);
    }
    return word;
  };

  const mayFollow = (stem, chain) => {
    const stemVowels = [...stem].filter((letter) => letter in rules.harmony);
    if (!stemVowels.length) return stem.length >= rules.minimum.consonant; // an abbreviation: ЖМК-нын
    const end = rules.sounds[stem.at(-1)];
    if (end === undefined || stem.length < rules.minimum[end === "V" ? "vowel" : "consonant"]) return false;
    const keeps = rules.keepsHighVowel[stem.at(-1)];
    if (keeps && stem.length >= keeps && highVowels.includes(chain[0])) return false;
    return table.get(chain).has(rules.harmony[stemVowels.at(-1)] + end);
  };

  const chainLength = (word) => {
    for (let size = Math.min(longest, word.length - 1); size > 0; size--) {
      if (table.has(word.slice(-size)) && mayFollow(word.slice(0, -size), word.slice(-size))) return size;
    }
    return 0;
  };

  const beforeConsonant = (stem) => {
    if (stem.endsWith(rules.softSign)) stem = stem.slice(0, -1);
    const [last, previous] = [stem.at(-1), stem.at(-2)];
    if (stem.length > rules.minimum.vowel && rules.droppedAfterVowel.includes(last) && vowels.includes(previous)) {
      return stem.slice(0, -1);
    }
    if (stem.length >= 2 && last in rules.devoiced && vowels.includes(previous)) {
      return stem.slice(0, -1) + rules.devoiced[last];
    }
    return stem;
  };

  const stem = (word) => {
    let current = regular(normalize(word));
    for (;;) {
      const shorter = beforeConsonant(current.slice(0, current.length - chainLength(current)));
      if (shorter === current) return current;
      current = shorter;
    }
  };

  const changing = new Set([...Object.keys(rules.devoiced), ...Object.values(rules.devoiced)]);
  const prefix = (word) => {
    const form = regular(normalize(word));
    let start = form.slice(0, form.length - chainLength(form));
    if (start.endsWith(rules.softSign)) start = start.slice(0, -1);
    if (start.length > rules.minimum.vowel && changing.has(start.at(-1)) && vowels.includes(start.at(-2))) {
      start = start.slice(0, -1);
    }
    for (const [irregular, regularForm] of Object.entries(rules.irregular)) {
      if (regularForm.startsWith(start)) {
        let shared = 0;
        while (shared < start.length && start[shared] === irregular[shared]) shared++;
        start = start.slice(0, shared);
      }
    }
    return start;
  };

  return { normalize, stem, prefix };
};
