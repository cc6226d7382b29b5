#!/usr/bin/env node
// `openai-doctor-mcp`: the bundled MCP server on standard input and output.
require('./launch')('openai-doctor-mcp');
