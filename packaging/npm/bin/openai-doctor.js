#!/usr/bin/env node
// `openai-doctor`: the bundled binary (`npx openai-doctor mcp` starts the MCP server).
require('./launch')('openai-doctor');
