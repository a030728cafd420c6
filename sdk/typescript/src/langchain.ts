/**
 * LangChain.js / LangGraph.js integration, with no runtime import of @langchain/core: the callback
 * handler implements LangChain's handler interface structurally, and `gateTool` wraps a tool by
 * prototype delegation. Works with @langchain/core 0.3 and 1.x.
 */
export { CockpitCallbackHandler, type CockpitCallbackOptions } from './langchain/callback-handler';
export { GATED_METADATA_KEY, type GateToolOptions, gateTool } from './langchain/gate-tool';
export { toPlain } from './langchain/plain';
