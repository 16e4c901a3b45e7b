import json
from datetime import datetime


def produce(params: dict) -> str:
    ts: datetime = params['timestamp']
    event = {
        'timestamp': ts.isoformat(),
        'level': 'INFO',
        'message': 'Request processed',
    }
    return json.dumps(event)
