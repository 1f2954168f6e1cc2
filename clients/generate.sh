#!/usr/bin/env bash
# Regenerates what is generated from the API and checked in (tests fail when these are stale):
#   docs/openapi.json                      the OpenAPI document, as the build produces it
#   clients/csharp/LanguruClient.cs        the NSwag C# client
#   clients/typescript/languru-client.ts   the NSwag TypeScript client
# Run from anywhere:   bash clients/generate.sh
# NSwag is the .NET tool NSwag.ConsoleCore, pinned in .config/dotnet-tools.json (restored here, needs no node).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Languru.Api --nologo -v quiet
cp Languru.Api/obj/openapi/openapi.json docs/openapi.json
dotnet tool restore > /dev/null
dotnet tool run nswag run clients/nswag.json
