from ninja import NinjaAPI

api = NinjaAPI(title="Rollcall API", version="1", urls_namespace="api")
