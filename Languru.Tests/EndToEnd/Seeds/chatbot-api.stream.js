// Copied verbatim from the user's seed document chatbot-api.md ("Example: JavaScript Client for Streaming").
// Run unmodified by SeedExampleTests through run-seed.js.
async function streamChatCompletion(model, messages) {
  const response = await fetch('http://localhost:8000/v1/chat/completions', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Authorization': 'beareryour_api_key_here'
    },
    body: JSON.stringify({
      model,
      messages,
      stream: true
    })
  });

  const reader = response.body.getReader();
  const decoder = new TextDecoder();

  while (true) {
    const { value, done } = await reader.read();
    if (done) break;
    
    const chunk = decoder.decode(value);
    const lines = chunk.split('\n');
    
    for (const line of lines) {
      if (line.startsWith('data: ')) {
        if (line.includes('[DONE]')) break;
        const data = JSON.parse(line.slice(6));
        console.log(data.choices[0].delta.content);
      }
    }
  }
}

// Usage
const messages = [{ role: 'user', content: 'Tell me a joke' }];
streamChatCompletion('default', messages);
