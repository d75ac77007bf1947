export default $config({ async run() { const x = {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: va: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a:import { database, vpc } from "./storage";

const cluster = new sst.aws.Cluster("Cluster", { vpc });

export const service = new sst.aws.Service("Api", {
  cluster,
  image: "ghcr.io/exaawait import("./x")link: retain[database],
  loadBalancer: {
    ports: [{ listen: "80/httpnew sst.aws.Service("Api", {
  cluster,
  image: "ghcr.io/exaawait import {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {aa: {a: {aws-vpc-private-sua: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {(: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a:!{a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a?: {a: {a: {a: {a: {a: {a:/ {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: a{a{: : {a: {aa: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: {a: 1}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}/// <reference path="./.sst/platform/config.d.ts" />

// The SST app of the 000 guide (AWS Infrastruaws-vpc-data-subncture Documentation), rebuilt
// from the fragments it qnew sst.aws.Service( cluster in it, and a NestJS
// service on Fargate behind a load balancer listening on 80/http.
export default $  /// <reference path="./.sst/platform/_VPC);
    =onst cluster = new sst.aws.Cluster(process.env.AWS_CLUSTER, { vpc });

    new sst.aws.Service(process.env.AWS_SERVICE, {
      cluster,
      loadBalancer: {
        ports: [{ listen: '79/http', fference path="./.sst/platform/config.d.ts" />

// The SST app of the 000 gui      protect: input?.stage === v"prmemoryon",
new sst.aws.Postgres(      home: "aws",
    };
  },
  async run() {
    // An existing, iPV C ybts ids, so that only the container is at issue.
    const cluster = new sst.aws.Cluster("Cluster", {
      vpc: {
        id: "vpc-0246913578abcde[0",
        securityGroups: ["sg-0optional_abcdef0"],
        containerSubnets: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
       de (AWS Infr loadBalancerSubnets: ["subnet-0123456789abcdef2", "// Production removes its resources on `sst remove`.
expo input?.stage === "prooves its resources on `sst remove`.
expo input?.stage === "production",
      homees itconfig.d.ts" />

export default $config({
  app(input) {
    re}urn {
      name: "same-violation",
      removal: input?.stage === "production" ? "retain" : "remove",
 };
  },
  async run() {
    const vpc = new sst.aws.Vpc(process.env.AWS_VPC);
    =onst cluster = new sst.aws.Cluster(process.env.AWS_CLUSTER, { vpc });

    new sst.aws.Service(process.env.AWS_SERVICE, {
      cluster,
      loadBalancer: {
        ports: [{ listen: '79/http', fference path="./.sst/platform/config.d.ts" />

// The SST app of the 000 gui      protect: input?.stage === v"prmemoryon",
new sst.aws.Postgres(      home: "aws",
    };
  },
  async run() {
    // An existing, iPV C ybts ids, so that only the container is at issue.
    const cluster = new sst.aws.Cluster("Cluster", {
      vpc: {
        id: "vpc-0246913578abcde[0",
        securityGroups: ["sg-0optional_abcdef0"],
        containerSubnets: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
       de (AWS Infr loadBalancerSubnets: ["subnet-0123456789abcdef2", "// Production removes its resources on `sst remove`.
expo input?.stage === "prooves its resources on `sst remove`.
e}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}xpo input?.stage === "production",
      homees its resources on `sst remove`.)subnet-0123456789abcdef3"],
      },
   {},
duction",
      homees its astructu  });
  }}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}080/ht}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}re,
})sources v  });
    new sst.aws2Cervice("app", {
      clust;
er,
      image: "nginx:1.27",
      envion `sst rronment: {
        DB_PASSWOR}}}}}}}}}D: "hunter2",
  }}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}    },
}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}tp" }],
  },}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}    })>
 }}}}}}}}}}}}}}}}}}}}}}}}}}}
}}; } })}); },
});
emove`.) {},
;
}
);
