#!/usr/bin/env bash
# Regenerates what is generated from the API and checked in (tests fail when these are stale):
#   docs/openapi.json                      the OpenAPI document, as the build produces it
#   clients/csharp/LanguruClient.cs        the NSwag C# client
#   clients/typescript/languru-client.ts   the NSwag TypeScript client
# Run from anywhere, after `npm ci --prefix clients`:   npm run generate --prefix clients
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Languru.Api --nologo -v quiet
cp Languru.Api/obj/openapi/openapi.json docs/openapi.json
# The nswag npm package runs .NET 8 unless told otherwise; this machine has .NET 10.
node clients/node_modules/nswag/bin/nswag.js run clients/nswag.json /runtime:Net100
