from ninja import Field, Schema


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class Error(Schema):
    error: ErrorDetail


# 400: a body that is not JSON at all; 422: JSON that breaks the schema or a rule.
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


class Me(Schema):
    id: int
    username: str
    role: str
    municipality: int | None = Field(None, description="official municipality code")
    name: str


class MunicipalityOut(Schema):
    code: int
    name: str
    region_code: int
    region_name: str


class MunicipalityPage(Schema):
    count: int
    results: list[MunicipalityOut]
