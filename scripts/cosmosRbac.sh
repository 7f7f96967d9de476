#!/usr/bin/env bash
# Makes meldroute's audit container append-only for the app's identity (docs/audit.md).
#
# Cosmos DB data-plane roles are additive and can be scoped to one container, so the app gets
#   - meldroute-gegevens       (read/write items) on dossiers, herinneringen, gesprekken, state;
#   - meldroute-audit-toevoegen (create and read items, query) on audit: no replace, upsert or delete;
# and nothing at database or account scope, where a broader role would reach the audit container.
# Optionally (VERIFY_PRINCIPAL_ID) an identity for `npm run audit:verify` gets meldroute-audit-lezer.
# Account keys bypass data-plane RBAC, so key-based access is switched off, and a CanNotDelete lock
# keeps the container itself from being deleted through the control plane.
#
# Usage: RESOURCE_GROUP=rg ACCOUNT=cosmos-meldroute PRINCIPAL_ID=<object id of the managed identity> \
#        [COSMOS_DATABASE=meldroute] [VERIFY_PRINCIPAL_ID=<object id>] scripts/cosmosRbac.sh
# Needs the Azure CLI, signed in with rights to manage the account (Owner or Cosmos DB Operator +
# User Access Administrator). Safe to run again: existing definitions and assignments are reused.
set -euo pipefail

: "${RESOURCE_GROUP:?zet RESOURCE_GROUP}"
: "${ACCOUNT:?zet ACCOUNT (naam van het Cosmos DB-account)}"
: "${PRINCIPAL_ID:?zet PRINCIPAL_ID (object id van de managed identity van de app)}"
DATABASE="${COSMOS_DATABASE:-meldroute}"
ITEMS="Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items"
CONTAINERS="Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers"
az_cosmos=(--resource-group "$RESOURCE_GROUP" --account-name "$ACCOUNT")

# The audit container's shape is part of the protection: one partition per chain, a position
# unique per chain (unique keys can only be set when a container is created).
if [ "$(az cosmosdb sql container exists "${az_cosmos[@]}" --database-name "$DATABASE" --name audit)" != "true" ]; then
  az cosmosdb sql container create "${az_cosmos[@]}" --database-name "$DATABASE" --name audit \
    --partition-key-path /keten \
    --unique-key-policy '{"uniqueKeys":[{"paths":["/positie"]}]}' \
    --idx '{"indexingMode":"consistent","automatic":true,"includedPaths":[{"path":"/op/?"},{"path":"/positie/?"}],"excludedPaths":[{"path":"/*"}]}' >/dev/null
fi

rol() { # naam, data actions (JSON array) -> role definition id
  local naam="$1" acties="$2" id
  id="$(az cosmosdb sql role definition list "${az_cosmos[@]}" --query "[?roleName=='$naam'].id | [0]" -o tsv)"
  if [ -z "$id" ]; then
    id="$(az cosmosdb sql role definition create "${az_cosmos[@]}" --query id -o tsv --body "{
      \"RoleName\": \"$naam\", \"Type\": \"CustomRole\", \"AssignableScopes\": [\"/dbs/$DATABASE\"],
      \"Permissions\": [{ \"DataActions\": $acties }] }")"
  fi
  echo "$id"
}

toewijzen() { # role definition id, principal, container
  local scope="/dbs/$DATABASE/colls/$3"
  if [ -z "$(az cosmosdb sql role assignment list "${az_cosmos[@]}" --query "[?principalId=='$2' && roleDefinitionId=='$1' && scope && ends_with(scope, '$scope')].id | [0]" -o tsv)" ]; then
    az cosmosdb sql role assignment create "${az_cosmos[@]}" --role-definition-id "$1" --principal-id "$2" --scope "$scope" >/dev/null
  fi
  echo "  $3: $(basename "$1")"
}

GEGEVENS=$(rol meldroute-gegevens "[
  \"Microsoft.DocumentDB/databaseAccounts/readMetadata\", \"$ITEMS/*\", \"$CONTAINERS/executeQuery\", \"$CONTAINERS/readChangeFeed\"]")
TOEVOEGEN=$(rol meldroute-audit-toevoegen "[
  \"Microsoft.DocumentDB/databaseAccounts/readMetadata\", \"$ITEMS/create\", \"$ITEMS/read\", \"$CONTAINERS/executeQuery\", \"$CONTAINERS/readChangeFeed\"]")

echo "App-identiteit $PRINCIPAL_ID:"
for c in dossiers herinneringen gesprekken state; do toewijzen "$GEGEVENS" "$PRINCIPAL_ID" "$c"; done
toewijzen "$TOEVOEGEN" "$PRINCIPAL_ID" audit

if [ -n "${VERIFY_PRINCIPAL_ID:-}" ]; then
  LEZER=$(rol meldroute-audit-lezer "[
    \"Microsoft.DocumentDB/databaseAccounts/readMetadata\", \"$ITEMS/read\", \"$CONTAINERS/executeQuery\", \"$CONTAINERS/readChangeFeed\"]")
  echo "Controle-identiteit $VERIFY_PRINCIPAL_ID:"
  toewijzen "$LEZER" "$VERIFY_PRINCIPAL_ID" audit
fi

# A role at account or database scope (e.g. the built-in Data Contributor) would add replace and
# delete on the audit container: refuse to call the setup done while one exists.
breed="$(az cosmosdb sql role assignment list "${az_cosmos[@]}" \
  --query "[?principalId=='$PRINCIPAL_ID' && !contains(scope, '/colls/')].scope" -o tsv)"
if [ -n "$breed" ]; then
  echo "FOUT: de app-identiteit heeft ook een rol op account- of databaseniveau; verwijder die:" >&2
  echo "$breed" >&2
  exit 1
fi

az resource update --resource-group "$RESOURCE_GROUP" --name "$ACCOUNT" \
  --resource-type Microsoft.DocumentDB/databaseAccounts --set properties.disableLocalAuth=true >/dev/null
az lock create --name meldroute-audit-niet-verwijderen --lock-type CanNotDelete --resource-group "$RESOURCE_GROUP" \
  --resource "$ACCOUNT" --resource-type Microsoft.DocumentDB/databaseAccounts >/dev/null
echo "Klaar: audit is alleen-toevoegen voor de app; sleuteltoegang staat uit; het account heeft een verwijderslot."
