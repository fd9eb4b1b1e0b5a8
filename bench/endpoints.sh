# Sourced by load.sh and explain.sh: the endpoints the read-side benchmark
# measures, with ids resolved from the running server at $base.
first() { # first() PATH FIELD: a field of the first item of a list
  curl -sf "$base$1" | python3 -c "import sys, json; print(json.load(sys.stdin)['items'][0]['$2'])"
}
official=$(first "/v1/officials?q=a&limit=1" id)
busy_official=$(curl -sf "$base/v1/officials?limit=500" | python3 -c "
import sys, json; items = json.load(sys.stdin)['items']; print(max(items, key=lambda o: o['articles'])['id'])")
meeting=$(first "/v1/meetings?limit=1" id)
article=$(first "/v1/articles?limit=1" id)
cursor=$(curl -sf "$base/v1/statements?limit=50" | python3 -c "import sys, json; print(json.load(sys.stdin)['next_cursor'])")

endpoints=(
  "list|/v1/articles"
  "list|/v1/articles/$article"
  "list|/v1/articles/$article/extraction"
  "list|/v1/officials"
  "list|/v1/officials?country=CN"
  "list|/v1/officials?q=wang"
  "list|/v1/officials?title=foreign%20minister"
  "list|/v1/officials/$busy_official"
  "list|/v1/officials/$official/statements"
  "list|/v1/officials/$busy_official/meetings"
  "list|/v1/meetings"
  "list|/v1/meetings?country=KZ"
  "list|/v1/meetings?official=$busy_official&from=2021-01-01&to=2021-12-31"
  "list|/v1/meetings?kind=phone_call"
  "list|/v1/meetings/$meeting"
  "list|/v1/statements"
  "list|/v1/statements?cursor=$cursor"
  "list|/v1/statements?country=KG&topic=one_china"
  "list|/v1/statements?speaker=$busy_official"
  "list|/v1/positions"
  "list|/v1/positions?actor=KZ&topic=belt_and_road"
  "list|/v1/positions?topic=vaccine_cooperation&stance=oppose"
  "list|/v1/positions?from=2022-01-01&to=2022-03-31"
  "list|/v1/countries"
  "list|/v1/countries/KG"
  "list|/v1/countries/CN/positions"
  "list|/v1/topics"
  "list|/v1/topics/one_china"
  "search|/v1/statements?q=belt%20and%20road"
  "search|/v1/statements?q=vaccine%20-covid&country=CN"
  "stats|/v1/stats/positions?group_by=actor,topic"
  "stats|/v1/stats/positions?group_by=topic,month"
  "stats|/v1/stats/meetings?group_by=country"
  "stats|/v1/stats/meetings?group_by=country,month"
  # Last: these two outlast wrk's 2 s timeout, and PostgreSQL keeps working on
  # the abandoned queries, which would slow whatever ran after them.
  "search|/v1/statements?q=%22community%20with%20a%20shared%20future%22"
  "stats|/v1/positions/changes?since=2024-01-01"
)

