// No test may reach real AWS: fake keys, a fixed region, and no shared profile or endpoint leaking in.
process.env.AWS_ACCESS_KEY_ID = 'test';
process.env.AWS_SECRET_ACCESS_KEY = 'test';
process.env.AWS_REGION = 'us-east-1';
delete process.env.AWS_PROFILE;
delete process.env.AWS_SESSION_TOKEN;
process.env.AWS_ENDPOINT_URL = process.env.AWS_ENDPOINT_URL || 'http://127.0.0.1:9';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.NO_COLOR = '1';
