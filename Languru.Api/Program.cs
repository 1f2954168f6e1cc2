using Languru.Api.Hosting;
using Languru.Api.Logging;
using Languru.Providers.Echo;
using Languru.Providers.Ollama;
using Languru.Providers.OpenAI;
using Languru.Providers.Routing;

var builder = WebApplication.CreateBuilder(LanguruHost.Options(args));
builder.WebHost.UseLanguruDefaultUrl(builder.Configuration);
builder.Logging.QuietStartupFailures();
builder.Logging.AddLanguruConsole();

builder.Services.AddLanguruApi(builder.Configuration);
builder.Services.AddLanguruRouting();
builder.Services.AddEchoProvider();
builder.Services.AddOpenAIProvider();
builder.Services.AddOllamaProvider();

var app = builder.Build();
app.UseLanguruApi();
return app.RunLanguru();

/// <summary>The gateway (public so that tests can host it with <c>WebApplicationFactory</c>).</summary>
public partial class Program;
