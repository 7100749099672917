// ESLint rule: a 'use client' module imports only types from lib/, so no server code,
// zod schema or database driver can reach the browser bundle through it (the article's
// JavaScript budget is 150 KB gzip). Modules listed in `allow` are isomorphic on purpose.

/** @type {import('eslint').Rule.RuleModule} */
export const clientLeafImports = {
  meta: {
    type: 'problem',
    docs: { description: "In a 'use client' module, import only types from lib/" },
    schema: [{ type: 'object', properties: { allow: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
    messages: {
      valueImport: "A client leaf imports only types from lib/ ('{{source}}'): pass the value as a prop from a server component, or import type.",
    },
  },
  create(context) {
    const allow = new Set(context.options[0]?.allow ?? []);
    const body = context.sourceCode.ast.body;
    const isClient = body.some((node) => node.type === 'ExpressionStatement' && node.directive === 'use client');
    if (!isClient) return {};
    const isLib = (source) => /^@\/lib\//.test(source) || /(^|\/)lib\//.test(source);
    return {
      ImportDeclaration(node) {
        const source = String(node.source.value);
        if (!isLib(source) || allow.has(source) || node.importKind === 'type') return;
        const values = node.specifiers.filter((s) => s.importKind !== 'type');
        if (values.length > 0 || node.specifiers.length === 0) {
          context.report({ node, messageId: 'valueImport', data: { source } });
        }
      },
    };
  },
};
