// The Vercel AI SDK's default OpenAI model (the Responses API) making a tool call and answering it, through the gateway.
// Usage: node ai-sdk-tools.mjs <gateway base URL, e.g. http://127.0.0.1:1234/v1>
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText, tool, stepCountIs } from 'ai';
import { z } from 'zod';

const openai = createOpenAI({ baseURL: process.argv[2], apiKey: 'unused' });
const tools = {
  get_weather: tool({
    description: 'The weather in a city',
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => `18 degrees in ${city}`,
  }),
};

const whole = await generateText({ model: openai('gpt-4o'), prompt: 'Weather in Paris?', tools, stopWhen: stepCountIs(2) });
const streamed = streamText({ model: openai('gpt-4o'), prompt: 'Weather in Paris?', tools, stopWhen: stepCountIs(2) });
const streamedCalls = [];
for await (const part of streamed.fullStream) {
  if (part.type === 'tool-call') streamedCalls.push([part.toolName, part.input]);
  if (part.type === 'error') throw part.error;
}

console.log(JSON.stringify({
  calls: whole.steps[0].toolCalls.map((c) => [c.toolName, c.input]),
  text: whole.text,
  streamedCalls,
  streamedText: await streamed.text,
}));
