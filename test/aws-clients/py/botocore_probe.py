"""Drives unmodified boto3/botocore for the aws-clients tests.

Reads one JSON request on stdin (tokens never travel in argv) and prints one JSON answer on
stdout. Errors the client raised are answered as {"error": {...}} with exit code 0, so that the
test can tell "botocore raised X" from "this script crashed" (non-zero exit with a traceback).

Requests:
  {"action": "credentials", "profile": NAME}
      resolve the profile through botocore's credential chain (the SSO provider for an SSO
      profile: token cache -> optional OIDC refresh -> GetRoleCredentials)
  {"action": "call", "service": "sso", "operation": "list_accounts", "params": {...},
   "region": "us-east-1", "paginate": false, "maxAttempts": 1}
      call one operation (or page through it) on a client built by boto3; maxAttempts counts
      every attempt (botocore standard retry mode, total_max_attempts)
Endpoints come from the environment (AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL_SSO_OIDC).
"""
import json
import sys

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import ClientError


def describe_error(error):
    described = {
        "class": type(error).__name__,
        "module": type(error).__module__,
        "bases": [cls.__name__ for cls in type(error).__mro__],
        "message": str(error),
    }
    if isinstance(error, ClientError):
        described["code"] = error.response.get("Error", {}).get("Code")
        described["status"] = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return described


def credentials(request):
    session = boto3.Session(profile_name=request["profile"])
    resolved = session.get_credentials()
    if resolved is None:
        return {"credentials": None}
    frozen = resolved.get_frozen_credentials()
    expiry = getattr(resolved, "_expiry_time", None)
    return {
        "method": resolved.method,
        "credentials": {
            "accessKeyId": frozen.access_key,
            "secretAccessKey": frozen.secret_key,
            "sessionToken": frozen.token,
            "expiration": expiry.isoformat() if expiry else None,
        },
    }


def call(request):
    config = Config(
        region_name=request.get("region", "us-east-1"),
        retries={"total_max_attempts": request.get("maxAttempts", 1), "mode": "standard"},
        signature_version=botocore.UNSIGNED,
    )
    client = boto3.Session().client(request["service"], config=config)
    params = request.get("params", {})
    if request.get("paginate"):
        pages = client.get_paginator(request["operation"]).paginate(**params)
        return {"pages": [strip(page) for page in pages]}
    return {"result": strip(getattr(client, request["operation"])(**params))}


def strip(response):
    return {key: value for key, value in response.items() if key != "ResponseMetadata"}


def main():
    request = json.load(sys.stdin)
    action = {"credentials": credentials, "call": call}[request["action"]]
    try:
        answer = action(request)
    except (ClientError, botocore.exceptions.BotoCoreError) as error:
        answer = {"error": describe_error(error)}
    json.dump(answer, sys.stdout, default=str)


if __name__ == "__main__":
    main()
