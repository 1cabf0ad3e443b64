/**
 * Reads the runbook the way an operator does: a scenario's shell blocks in order, with the sections
 * it links to inlined where the link is, continuation lines joined, heredocs attached, and each
 * command's words expanded by bash's rules (quotes, `$VAR`, `${VAR:-default}`, `$(command)`) at
 * the moment it runs, so a later command sees what an earlier one printed.
 */

/** One shell command as written: its text, and the body of its heredoc if it has one. */
export interface RawCommand {
    text: string;
    heredoc?: string;
    /** A block that starts with `# dev only` runs in that stack alone. */
    onlyIn?: string;
}

const HEADING = /^(#{1,6})\s+(.*)$/;

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
    return heading
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s-]/gu, "")
        .trim()
        .replace(/\s/g, "-");
}

/** The lines of the section whose heading matches, up to the next heading of its level or higher. */
export function section(markdown: string, heading: (title: string) => boolean): string[] {
    const lines = markdown.split("\n");
    // A `# comment` in a shell block is not a heading.
    let fenced = false;
    const levels = lines.map((l) => {
        if (/^\s*```/.test(l)) fenced = !fenced;
        return !fenced && HEADING.test(l) ? HEADING.exec(l)![1].length : 0;
    });
    const start = lines.findIndex((l, i) => levels[i] > 0 && heading(HEADING.exec(l)![2]));
    if (start < 0) throw new Error("runbook: no such section");
    const end = levels.findIndex((level, i) => i > start && level > 0 && level <= levels[start]);
    return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The commands of a section, in reading order, following `[…](#anchor)` links into other sections. */
export function scriptOf(markdown: string, lines: string[], seen = new Set<string>()): RawCommand[] {
    const commands: RawCommand[] = [];
    for (let i = 0; i < lines.length; i++) {
        const fence = /^(\s*)```bash\s*$/.exec(lines[i]);
        if (fence) {
            const body: string[] = [];
            for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]); i++) body.push(lines[i].slice(fence[1].length));
            const only = /^#\s*(\w+) only\b/.exec(body[0] ?? "")?.[1];
            commands.push(...parseBlock(body).map((c) => ({ ...c, onlyIn: only })));
            continue;
        }
        for (const link of lines[i].matchAll(/\]\(#([\w-]+)\)/g)) {
            if (seen.has(link[1])) throw new Error(`runbook: #${link[1]} links back to itself`);
            const target = section(markdown, (title) => slug(title) === link[1]);
            commands.push(...scriptOf(markdown, target, new Set([...seen, link[1]])));
        }
    }
    return commands;
}

/** Joins `\` continuations, attaches heredoc bodies, drops comments and splits `a && b` / `a; b`. */
export function parseBlock(lines: string[]): RawCommand[] {
    const out: RawCommand[] = [];
    for (let i = 0; i < lines.length; i++) {
        let line = lines[i];
        while (line.endsWith("\\") && i + 1 < lines.length) line = line.slice(0, -1) + " " + lines[++i].trim();
        const text = stripComment(line).trim();
        if (!text) continue;
        const heredoc = /<<-?\s*'?(\w+)'?\s*$/.exec(text);
        const parts = splitCommands(heredoc ? text.slice(0, heredoc.index).trim() : text);
        if (heredoc) {
            const body: string[] = [];
            for (i++; i < lines.length && lines[i].trim() !== heredoc[1]; i++) body.push(lines[i]);
            parts[parts.length - 1] = { ...parts[parts.length - 1], heredoc: body.join("\n") };
        }
        out.push(...parts);
    }
    return out;
}

/**
 * Walks `line` from `from` with bash's nesting (quotes, `$(…)`, parentheses), calling `at` for each
 * character at the outermost level; `at` returning true stops the walk. Returns where it stopped.
 */
function scan(line: string, at: (i: number) => boolean, from = 0): number {
    const stack: string[] = [];
    for (let i = from; i < line.length; i++) {
        const c = line[i];
        const top = stack[stack.length - 1];
        if (top === "'") {
            if (c === "'") stack.pop();
        } else if (c === "\\") i++;
        else if (line.startsWith("$(", i)) {
            stack.push(")");
            i++;
        } else if (top === '"') {
            if (c === '"') stack.pop();
        } else if (c === "'" || c === '"') stack.push(c);
        else if (c === "(" && top) stack.push(")");
        else if (c === ")" && top === ")") stack.pop();
        else if (!top && at(i) === true) return i;
    }
    if (stack.length > 0) throw new Error(`runbook: unbalanced quotes or parentheses in ${line}`);
    return line.length;
}

function stripComment(line: string): string {
    return line.slice(0, scan(line, (i) => line[i] === "#" && (i === 0 || /\s/.test(line[i - 1]))));
}

function splitCommands(line: string): RawCommand[] {
    const cuts: [number, number][] = [];
    scan(line, (i) => {
        if (line.startsWith("&&", i)) cuts.push([i, 2]);
        else if (line[i] === ";") cuts.push([i, 1]);
        return false;
    });
    const parts: string[] = [];
    let from = 0;
    for (const [at, width] of cuts) {
        parts.push(line.slice(from, at));
        from = at + width;
    }
    parts.push(line.slice(from));
    return parts.map((p) => ({ text: p.trim() })).filter((p) => p.text);
}

export type Runner = (command: string) => string;

/** A command's words after expansion, its leading `NAME=value` assignments, and its redirections dropped. */
export interface Expanded {
    assignments: [string, string][];
    words: string[];
}

/** Expands `text` as bash would, running `$(…)` through `run`. */
export function expand(text: string, vars: Record<string, string>, run: Runner): Expanded {
    const words: string[] = [];
    let word: string | undefined;
    let quote: string | undefined;
    const add = (s: string) => (word = (word ?? "") + s);
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quote === "'") {
            if (c === "'") quote = undefined;
            else add(c);
        } else if (c === "\\") add(text[++i] ?? "");
        else if (c === "$") i = dollar(text, i, vars, run, add);
        else if (c === '"') {
            quote = quote ? undefined : '"';
            add("");
        } else if (c === "'" && !quote) {
            quote = "'";
            add("");
        } else if (/\s/.test(c) && !quote) {
            if (word !== undefined) words.push(word);
            word = undefined;
        } else add(c);
    }
    if (quote) throw new Error(`runbook: unclosed quote in ${text}`);
    if (word !== undefined) words.push(word);
    const assignments: [string, string][] = [];
    while (words.length > 0 && /^[A-Za-z_]\w*=/.test(words[0])) {
        const [name, ...value] = words.shift()!.split("=");
        assignments.push([name, value.join("=")]);
    }
    const kept = words.filter((w, i) => !/^\d?>/.test(w) && !/^\d?>$/.test(words[i - 1] ?? ""));
    return { assignments, words: kept };
}

/** Expands the `$…` at `i`; returns the index of its last character. */
function dollar(text: string, i: number, vars: Record<string, string>, run: Runner, add: (s: string) => void): number {
    const get = (name: string) => {
        if (!(name in vars)) throw new Error(`runbook: $${name} is used before it is set`);
        return vars[name];
    };
    if (text.startsWith("$(", i)) {
        // The first character back at the outermost level after `$(` is the one after its `)`.
        const end = scan(text, () => true, i) - 1;
        add(run(text.slice(i + 2, end)).trim());
        return end;
    }
    const braced = /^\$\{(\w+)(:-([^}]*))?\}/.exec(text.slice(i));
    if (braced) {
        add(braced[2] !== undefined && !vars[braced[1]] ? braced[3] : get(braced[1]));
        return i + braced[0].length - 1;
    }
    const plain = /^\$(\w+)/.exec(text.slice(i));
    if (!plain) {
        add("$");
        return i;
    }
    add(get(plain[1]));
    return i + plain[0].length - 1;
}

/** `--flag value` / `--flag=value` of a word list. */
export function flag(words: string[], name: string): string | undefined {
    const i = words.indexOf(name);
    if (i >= 0) return words[i + 1];
    return words.find((w) => w.startsWith(`${name}=`))?.slice(name.length + 1);
}

export const has = (words: string[], name: string) => words.includes(name);
