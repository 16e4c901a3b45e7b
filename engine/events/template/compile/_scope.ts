/**
 * Scoping, decided at compile time. Nunjucks keeps two kinds of frames:
 * the compiler's, which map loop variables to JavaScript variables, and
 * the runtime's, which hold what `{% set %}` assigns and `loop`, and which
 * a name is looked up in (innermost first, skipping `undefined`) before
 * the context. Under the Python layer every runtime frame but the root
 * isolates writes, and the frames follow the template's structure, so the
 * fast path knows statically which names each frame can hold and gives
 * each such name a JavaScript variable.
 *
 * @module
 */
import { type AstNode, codeChildren, isNode, Unsupported, walkAll, walkFields } from "./_ast.ts";

/**
 * Compile-time bindings, as Nunjucks' compiler frame: a loop variable's
 * name maps to the JavaScript variable that holds it.
 *
 * @example
 * ```ts
 * import { Bindings } from "./_scope.ts";
 * const outer = new Bindings();
 * outer.set("x", "t1");
 * const inner = outer.push();
 * if (inner.lookup("x") !== "t1" || inner.lookup("y") !== undefined) throw new Error();
 * ```
 */
export class Bindings {
  readonly #names = new Map<string, string>();
  readonly #parent: Bindings | undefined;

  /**
   * Creates bindings.
   *
   * @param parent The enclosing bindings.
   */
  constructor(parent?: Bindings) {
    this.#parent = parent;
  }

  /**
   * Opens a nested scope.
   *
   * @returns The nested bindings.
   */
  push(): Bindings {
    return new Bindings(this);
  }

  /**
   * Binds a name in this scope.
   *
   * @param name The template name.
   * @param id The JavaScript variable.
   */
  set(name: string, id: string): void {
    this.#names.set(name, id);
  }

  /**
   * Finds a name here or in an enclosing scope.
   *
   * @param name The template name.
   * @returns The JavaScript variable, or `undefined`.
   */
  lookup(name: string): string | undefined {
    return this.#names.get(name) ?? this.#parent?.lookup(name);
  }
}

/**
 * A runtime frame, modelled statically: the root frame, or the frame of a
 * loop (or `{% with %}`), with a JavaScript variable for each name the
 * template may assign in it.
 *
 * @example
 * ```ts
 * import { Level } from "./_scope.ts";
 * const root = new Level(undefined, new Map([["a", "v1"]]));
 * const loop = new Level(root, new Map([["a", "v2"]]));
 * if (loop.chain("a").map((v) => v.id).join() !== "v2,v1" || !root.isRoot) throw new Error();
 * ```
 */
export class Level {
  /** The enclosing frame; `undefined` for the root. */
  readonly parent: Level | undefined;
  /** Template name → JavaScript variable, for the names this frame may hold. */
  readonly vars: ReadonlyMap<string, string>;

  /**
   * Creates a frame model.
   *
   * @param parent The enclosing frame.
   * @param vars The names this frame may hold, and their variables.
   */
  constructor(parent: Level | undefined, vars: ReadonlyMap<string, string>) {
    this.parent = parent;
    this.vars = vars;
  }

  /** Whether this is the template's root frame. */
  get isRoot(): boolean {
    return this.parent === undefined;
  }

  /**
   * The variables a lookup of `name` reads, innermost frame first.
   *
   * @param name The template name.
   * @returns The variables, each with whether it is the root frame's.
   */
  chain(name: string): { id: string; root: boolean }[] {
    const id = this.vars.get(name);
    const outer = this.parent?.chain(name) ?? [];
    return id === undefined ? outer : [{ id, root: this.isRoot }, ...outer];
  }
}

/**
 * The names `{% set %}` assigns in the frame that runs these nodes: not in
 * nested loops, which have frames of their own. Targets must be plain
 * names (`ns.attr` targets assign no frame variable); targets named
 * `loop` or `__proto__` are left to Nunjucks.
 *
 * @param nodes The frame's statements (a body, an `else`...).
 * @returns The assigned names.
 *
 * @example
 * ```ts
 * import { createEnvironment } from "../environment.ts";
 * import { parseTemplate } from "./_parse.ts";
 * import { frameAssignments } from "./_scope.ts";
 * const env = createEnvironment({ dir: "/", readText: () => "" });
 * const root = parseTemplate("{% set a = 1 %}{% if x %}{% set b %}{% set c = 2 %}{% endset %}{% endif %}" +
 *   "{% for i in x %}{% set d = 3 %}{% endfor %}", env);
 * if ([...frameAssignments(root)].join() !== "a,b,c") throw new Error();
 * ```
 */
export function frameAssignments(nodes: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isNode(node)) return;
    if (node.typename === "For" || node.typename === "PyWith") return;
    if (node.typename === "Set") {
      for (const target of node.targets as unknown[]) {
        if (!isNode(target)) throw new Unsupported("a `set` target that is not a node");
        if (target.typename !== "Symbol") continue;
        if (target.value === "loop") throw new Unsupported("`{% set loop %}`");
        // At the top level Nunjucks also sets it on its context object, whose prototype that would change.
        if (target.value === "__proto__") throw new Unsupported("`{% set __proto__ %}`");
        names.add(target.value as string);
      }
    }
    for (const value of codeChildren(node)) visit(value);
  };
  visit(nodes);
  return names;
}

/**
 * Whether a loop body holds a `{% set %}` anywhere, nested loops included:
 * the Python layer then starts each iteration with a fresh frame. Found as
 * the layer finds it (through declared fields only).
 *
 * @param body The loop body.
 * @returns Whether it assigns.
 */
export function hasSet(body: unknown): boolean {
  let found = false;
  walkFields(body, (n) => {
    if (n.typename === "Set") found = true;
  });
  return found;
}

/** The loop attributes the Python layer adds when a body reads them. */
const LOOP_EXTRAS = ["cycle", "previtem", "nextitem", "depth", "depth0", "changed"] as const;

/** One of the attributes in {@linkcode LOOP_EXTRAS}. */
export type LoopExtra = typeof LOOP_EXTRAS[number];

/**
 * The extra `loop` attributes a loop body reads (`loop.cycle`...), found as
 * the Python layer finds them.
 *
 * @param body The loop body.
 * @returns The attributes, in the order the layer sets them.
 */
export function loopExtras(body: unknown): LoopExtra[] {
  const used = new Set<string>();
  walkFields(body, (n) => {
    if (n.typename !== "LookupVal") return;
    const target = n.target as AstNode;
    const val = n.val as AstNode;
    if (target.typename === "Symbol" && target.value === "loop" && val.typename === "Literal") {
      used.add(val.value as string);
    }
  });
  return LOOP_EXTRAS.filter((name) => used.has(name));
}

/**
 * Whether code reads a name (a `Symbol` node), anywhere below.
 *
 * @param node The code.
 * @param name The name.
 * @returns Whether it appears.
 */
export function mentions(node: unknown, name: string): boolean {
  let found = false;
  walkAll(node, (n) => {
    if (n.typename === "Symbol" && n.value === name) found = true;
  });
  return found;
}
